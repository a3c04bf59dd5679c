import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { newId } from '../auth/secrets.js';

export interface User {
  id: string;
  email: string;
  name: string;
  createdAt: number;
}

/** The owner account every data dir starts with; the admin login link signs in as this user. */
export const DEFAULT_OWNER_EMAIL = 'dev@localhost';

interface UserRow {
  id: string;
  email: string;
  name: string;
  created_at: number;
}

const toUser = (row: UserRow): User => ({ id: row.id, email: row.email, name: row.name, createdAt: row.created_at });

export class UserService {
  readonly #db: Database;
  readonly #clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  byId(id: string): User | undefined {
    const row = this.#db.get<UserRow>('SELECT id, email, name, created_at FROM users WHERE id = ?', [id]);
    return row && toUser(row);
  }

  byEmail(email: string): User | undefined {
    const row = this.#db.get<UserRow>('SELECT id, email, name, created_at FROM users WHERE email = ?', [email]);
    return row && toUser(row);
  }

  /** Finds the user with this email or creates it (idempotent across processes: INSERT OR IGNORE). */
  ensure(email: string, name?: string): User {
    return this.#db.transaction(() => {
      this.#db.run('INSERT OR IGNORE INTO users (id, email, name, created_at) VALUES (?, ?, ?, ?)', [
        newId('usr'),
        email,
        name ?? defaultName(email),
        this.#clock.now(),
      ]);
      const user = this.byEmail(email);
      if (!user) throw new Error(`user ${email} vanished after insert`);
      return user;
    });
  }

  ensureOwner(): User {
    return this.ensure(DEFAULT_OWNER_EMAIL, 'Local Developer');
  }
}

function defaultName(email: string): string {
  return email.split('@')[0] ?? email;
}
