import { join } from 'node:path';
import { CREDENTIALS_FILE_NAME } from '@max/rig-auth';
import type { CommandContext } from '../context.js';
import type { Column } from '../output/table.js';
import { openSession } from '../session.js';

interface WhoamiView {
  user: { id: string; email: string; name: string | null; created_at: string };
  auth: {
    type: string;
    scope: string;
    expires_at: string | null;
    network?: string | null;
    oidc?: { trust_policy_id: string; issuer: string; subject: string } | null;
  };
  api_url: string;
  api_url_source: string;
  context: string | null;
  credential: { source: string; location: string; fallback_reason?: string; login?: string };
}

/** How the stored credential was obtained, in words (`rig whoami`'s "Login" line). */
function loginLine(v: WhoamiView): string | null {
  if (v.auth.oidc) {
    return `OIDC (keyless): ${v.auth.oidc.subject} from ${v.auth.oidc.issuer}, trust policy ${v.auth.oidc.trust_policy_id}; re-exchanged in this job when it expires`;
  }
  if (v.credential.login === 'session') return 'session (device login or token exchange), refreshed automatically';
  if (v.credential.login === 'api_token') return 'API token';
  return null;
}

const fields: readonly Column<WhoamiView>[] = [
  { header: 'User', key: 'email', value: (v) => (v.user.name ? `${v.user.email} (${v.user.name})` : v.user.email) },
  { header: 'User ID', key: 'user_id', value: (v) => v.user.id },
  { header: 'Context', key: 'context', value: (v) => v.context ?? '(none: `rig login` names one)' },
  { header: 'API URL', key: 'api_url', value: (v) => `${v.api_url} (from ${v.api_url_source})` },
  { header: 'Credential', key: 'credential', value: (v) => `${v.credential.source}: ${v.credential.location}` },
  { header: 'Keychain', key: 'fallback_reason', value: (v) => (v.credential.fallback_reason ? `not used: ${v.credential.fallback_reason}` : null) },
  { header: 'Login', key: 'login', value: loginLine },
  { header: 'Token', key: 'token', value: (v) => `${v.auth.type.replace('_', ' ')}, scope ${v.auth.scope}${v.auth.network ? `, network ${v.auth.network} only` : ''}` },
  { header: 'Expires', key: 'expires_at', value: (v) => v.auth.expires_at, kind: 'time' },
];

const sourceNames: Record<string, string> = { flag: '--api-url', profile: 'RIG_CONTEXT', env: 'RIG_API_URL', config: 'current context', default: 'default' };

/** `rig whoami`: the user, the API URL and where the credential lives (and why not the keychain). */
export async function run(ctx: CommandContext): Promise<void> {
  const { client, credentials } = await openSession(ctx);
  const me = await client.me.get({ signal: ctx.signal });
  const source = credentials.credential.source;
  const location =
    source === 'env' ? 'RIG_TOKEN' : source === 'keychain' ? 'OS keychain (service "rig")' : join(credentials.configDir, CREDENTIALS_FILE_NAME);
  const view: WhoamiView = {
    user: { id: me.id, email: me.email, name: me.name, created_at: me.created_at },
    auth: me.auth,
    api_url: credentials.apiUrl,
    api_url_source: credentials.source,
    context: credentials.context ?? null,
    credential: {
      source,
      location,
      ...(credentials.credential.fallbackReason !== undefined ? { fallback_reason: credentials.credential.fallbackReason } : {}),
      ...(credentials.credential.record ? { login: credentials.credential.record.kind } : {}),
    },
  };
  if (ctx.out.human) {
    ctx.out.details({ ...view, api_url_source: sourceNames[view.api_url_source] ?? view.api_url_source }, fields.filter((f) => f.key !== 'fallback_reason' || view.credential.fallback_reason));
  } else ctx.out.value(view);
}
