import { listContexts, resolveCredentials } from '@max/rig-auth';
import type { CommandContext } from '../context.js';
import type { Column } from '../output/table.js';
import { configDirFromFlag } from '../session.js';
import { resolveConfigDirFor } from './context-use.js';

interface ContextView {
  name: string;
  api_url: string;
  current: boolean;
  logged_in: boolean;
  user: { id: string; email: string } | null;
  credential_store: 'keychain' | 'file' | null;
}

const columns: readonly Column<ContextView>[] = [
  { header: '', key: 'current', value: (v) => (v.current ? '*' : '') },
  { header: 'NAME', key: 'name', value: (v) => v.name },
  { header: 'API URL', key: 'api_url', value: (v) => v.api_url },
  { header: 'USER', key: 'user', value: (v) => (v.user ? v.user.email : 'not logged in') },
  { header: 'STORE', key: 'credential_store', value: (v) => v.credential_store },
];

/** `rig context list`: every context, the current one marked, and who is logged in to each (from the stores; no request). */
export async function run(ctx: CommandContext): Promise<void> {
  const configDir = resolveConfigDirFor(ctx, configDirFromFlag(ctx));
  const contexts = await listContexts(configDir);
  // RIG_TOKEN belongs to one command's API URL, not to every context: look only at the stores.
  const env = { ...ctx.io.env, RIG_TOKEN: undefined };
  const views: ContextView[] = [];
  for (const context of contexts) {
    const resolved = await resolveCredentials({ apiUrl: context.apiUrl, env, configDir });
    const record = resolved.credential.record;
    const user = record?.user;
    const store = resolved.credential.store?.kind ?? null;
    views.push({
      name: context.name,
      api_url: context.apiUrl,
      current: context.current,
      logged_in: record !== undefined,
      user: user ? { id: user.id, email: user.email } : null,
      credential_store: store,
    });
  }
  ctx.out.list(views, columns, { empty: 'No contexts yet: `rig login` (with `--api-url` for another Max) creates one.' });
  const override = ctx.globals.apiUrl !== undefined ? '--api-url' : ctx.io.env['RIG_CONTEXT'] ? 'RIG_CONTEXT' : ctx.io.env['RIG_API_URL'] ? 'RIG_API_URL' : undefined;
  if (override && ctx.out.human && views.length > 0) ctx.out.note(`Note: ${override} is set and overrides the current context for the commands it is given to.`);
}
