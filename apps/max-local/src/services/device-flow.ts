import { generateUserCode } from '../auth/user-code.js';
import { generateToken, newId, sha256Hex } from '../auth/secrets.js';
import type { Scope } from '../auth/scopes.js';
import { userActor } from '../auth/principal.js';
import { ApiError } from '../http/api-error.js';
import { isUniqueViolation } from '../db/database.js';
import type { ServiceContext } from './context.js';
import type { TokenResponse, TokenService } from './tokens.js';
import type { User, UserService } from './users.js';

export interface DeviceCodeGrant {
  deviceCode: string;
  userCode: string;
  expiresIn: number;
  interval: number;
}

export interface PendingDeviceRequest {
  userCode: string;
  clientName: string | null;
  scope: Scope;
  expiresAt: number;
}

interface DeviceRow {
  id: string;
  user_code: string;
  client_name: string | null;
  scope: Scope;
  status: 'pending' | 'approved' | 'denied' | 'consumed';
  user_id: string | null;
  interval_seconds: number;
  expires_at: number;
  last_polled_at: number | null;
}

/** A poll arriving this much earlier than the interval is still accepted: timers and networks jitter. */
const POLL_SLACK_MS = 150;
/** RFC 8628 §3.5: on slow_down the interval grows by 5 s for this and all later polls. */
const SLOW_DOWN_STEP_SECONDS = 5;

/** Device-flow poll errors are HTTP 400 with the RFC 8628 code as `error.code`. */
const pollError = (code: string, message: string): ApiError => new ApiError(400, code, message);

/** RFC 8628 device authorization grant. Codes are single use; only hashes of device codes are stored. */
export class DeviceFlowService {
  readonly #ctx: ServiceContext;
  readonly #tokens: TokenService;
  readonly #users: UserService;

  constructor(ctx: ServiceContext, tokens: TokenService, users: UserService) {
    this.#ctx = ctx;
    this.#tokens = tokens;
    this.#users = users;
  }

  start(input: { clientName?: string | undefined; scope?: Scope | undefined }): DeviceCodeGrant {
    const { db, clock, settings } = this.#ctx;
    const now = clock.now();
    const deviceCode = generateToken('refresh').replace(/^mxr_/, 'mxd_');
    const interval = settings.deviceCodeIntervalSeconds;
    // Long-expired requests are useless; drop them so the table stays small.
    db.run('DELETE FROM device_codes WHERE expires_at < ?', [now - 24 * 3600 * 1000]);
    for (let attempt = 0; ; attempt++) {
      const userCode = generateUserCode();
      try {
        db.run(
          `INSERT INTO device_codes (id, device_code_hash, user_code, client_name, scope, status, interval_seconds,
             created_at, expires_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
          [
            newId('dev'),
            sha256Hex(deviceCode),
            userCode,
            input.clientName ?? null,
            input.scope ?? 'admin',
            interval,
            now,
            now + settings.deviceCodeTtlSeconds * 1000,
          ],
        );
        return { deviceCode, userCode, expiresIn: settings.deviceCodeTtlSeconds, interval };
      } catch (error) {
        // A user-code collision (1 in 10^10 per live code): draw another.
        if (!isUniqueViolation(error) || attempt >= 5) throw error;
      }
    }
  }

  /** The pending, unexpired request with this user code (for the approval page), if any. */
  findPending(userCode: string): PendingDeviceRequest | undefined {
    const row = this.#ctx.db.get<DeviceRow>(
      "SELECT * FROM device_codes WHERE user_code = ? AND status = 'pending' AND expires_at > ?",
      [userCode, this.#ctx.clock.now()],
    );
    return row && { userCode: row.user_code, clientName: row.client_name, scope: row.scope, expiresAt: row.expires_at };
  }

  /** Records the browser user's decision. Returns false when the code is unknown, used or expired. */
  decide(userCode: string, user: User, approve: boolean): boolean {
    const { db, clock, events } = this.#ctx;
    return db.transaction(() => {
      const row = db.get<DeviceRow>(
        "SELECT * FROM device_codes WHERE user_code = ? AND status = 'pending' AND expires_at > ?",
        [userCode, clock.now()],
      );
      if (!row) return false;
      db.run('UPDATE device_codes SET status = ?, user_id = ? WHERE id = ?', [
        approve ? 'approved' : 'denied',
        user.id,
        row.id,
      ]);
      events.append({
        userId: user.id,
        action: approve ? 'auth.device_approved' : 'auth.device_denied',
        actor: userActor(user),
        target: { type: 'user', id: user.id },
        details: { client_name: row.client_name, scope: row.scope, user_code: row.user_code },
      });
      return true;
    });
  }

  /** The client's poll (`POST /auth/device/token`). */
  poll(deviceCode: string): TokenResponse {
    const { db, clock, events } = this.#ctx;
    const outcome = db.transaction((): TokenResponse | ApiError => {
      const now = clock.now();
      const row = db.get<DeviceRow>('SELECT * FROM device_codes WHERE device_code_hash = ?', [sha256Hex(deviceCode)]);
      if (!row) return pollError('expired_token', 'The device code is unknown or has expired; start a new login.');
      if (row.status === 'consumed') {
        return pollError('expired_token', 'The device code has already been used; start a new login.');
      }
      if (row.expires_at <= now) return pollError('expired_token', 'The device code has expired; start a new login.');
      if (row.status === 'denied') return pollError('access_denied', 'The login request was denied.');
      if (row.status === 'approved' && row.user_id !== null) {
        db.run("UPDATE device_codes SET status = 'consumed', last_polled_at = ? WHERE id = ?", [now, row.id]);
        const user = this.#users.byId(row.user_id);
        if (!user) return pollError('access_denied', 'The approving user no longer exists.');
        const tokens = this.#tokens.issueSession(user, row.scope, 'device_code');
        events.append({
          userId: user.id,
          action: 'auth.login',
          actor: userActor(user),
          target: { type: 'user', id: user.id },
          details: { method: 'device_code', client_name: row.client_name, scope: row.scope },
        });
        return tokens;
      }
      const tooEarly =
        row.last_polled_at !== null && now - row.last_polled_at < row.interval_seconds * 1000 - POLL_SLACK_MS;
      if (tooEarly) {
        db.run('UPDATE device_codes SET last_polled_at = ?, interval_seconds = interval_seconds + ? WHERE id = ?', [
          now,
          SLOW_DOWN_STEP_SECONDS,
          row.id,
        ]);
        // Returned, not thrown: the new interval must commit.
        return pollError('slow_down', `Polling too fast; wait ${row.interval_seconds + SLOW_DOWN_STEP_SECONDS} s between polls.`);
      }
      db.run('UPDATE device_codes SET last_polled_at = ? WHERE id = ?', [now, row.id]);
      return pollError('authorization_pending', 'Waiting for the user to approve the login in the browser.');
    });
    if (outcome instanceof ApiError) throw outcome;
    return outcome;
  }
}
