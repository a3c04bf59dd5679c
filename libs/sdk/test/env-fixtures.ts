import type {
  AppEnv,
  ConfigApplyResult,
  ConfigDocument,
  Dashboard,
  EventRevertResult,
  KeysUnsetResult,
  Plan,
  ReleaseRef,
  Secret,
  SecretsSetResult,
  Var,
  VarsSetResult,
} from '../src/types.js';
import * as wire from './wire-fixtures.js';

/** Valid wire objects for vars, secrets, env, dashboard, config and revert (typed by the generated spec types). */

export const DIGEST = `sha256:${'a'.repeat(64)}`;

export const variable = (key = 'LOG_LEVEL', value = 'info'): Var => ({
  key,
  value,
  created_at: '2025-01-01T00:00:00Z',
  updated_at: '2025-01-01T00:00:00Z',
});

export const secret = (key = 'API_KEY'): Secret => ({
  key,
  digest: DIGEST,
  created_at: '2025-01-01T00:00:00Z',
  updated_at: '2025-01-01T00:00:00Z',
});

export const release: ReleaseRef = { network: 'staging', app: 'web', version: 2 };

export const varsSet: VarsSetResult = { data: [variable()], releases: [release] };

export const secretsSet: SecretsSetResult = { data: [secret()], releases: [release] };

export const keysUnset: KeysUnsetResult = { unset: ['OLD'], releases: [] };

export const appEnv: AppEnv = {
  data: [
    { key: 'API_KEY', source: 'secret', value: null, digest: DIGEST, overridden: ['network'] },
    { key: 'LOG_LEVEL', source: 'app', value: 'debug', digest: null, overridden: ['network'] },
    { key: 'MAX_RELEASE', source: 'platform', value: null, digest: null, overridden: [] },
    { key: 'PORT', source: 'platform', value: '5000', digest: null, overridden: [] },
  ],
};

export const dashboard: Dashboard = {
  networks: [wire.network('staging', { app_count: 1 })],
  apps: [
    {
      ...wire.app(),
      latest_deployment: { id: 'dep_1', state: 'running', created_at: '2025-01-01T00:00:00Z', finished_at: null },
    },
  ],
  recent_events: [wire.event(1)],
  counts: {
    networks: 1,
    apps: 1,
    apps_by_status: { created: 1, deploying: 0, running: 0, crashed: 0, stopped: 0 },
    deployments_in_progress: 0,
  },
  truncated: false,
  generated_at: '2025-01-01T00:00:00Z',
};

export const configDocument: ConfigDocument = {
  version: 1,
  networks: [
    {
      name: 'staging',
      description: null,
      vars: { LOG_LEVEL: 'info' },
      secrets: [{ key: 'API_KEY', digest: DIGEST }],
      apps: [{ name: 'web', description: null, health_check_path: '/healthz', vars: {}, secrets: [] }],
    },
  ],
};

export const plan: Plan = {
  digest: DIGEST,
  changes: [
    {
      action: 'update',
      resource: 'var',
      network: 'staging',
      app: null,
      key: 'LOG_LEVEL',
      fields: [{ name: 'value', before: 'debug', after: 'info' }],
    },
  ],
  blockers: [],
  summary: { create: 0, update: 1, delete: 0 },
};

export const applyResult: ConfigApplyResult = { plan, releases: [release] };

export const revertResult: EventRevertResult = {
  event: { ...wire.event(7), action: 'var.set', details: { reverts: 'evt_3' } },
  releases: [release],
};
