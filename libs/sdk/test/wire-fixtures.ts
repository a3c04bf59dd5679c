import type { ApiToken, ApiTokenCreated, App, DeviceAuthorization, Event, Me, Network, TokenResponse } from '../src/types.js';

/** Valid wire objects (typed by the generated spec types, so they stay valid as the spec evolves). */

export const network = (name = 'staging', extra: Partial<Network> = {}): Network => ({
  id: `net_${name}`,
  name,
  description: null,
  app_count: 0,
  created_at: '2025-01-01T00:00:00Z',
  updated_at: '2025-01-01T00:00:00Z',
  ...extra,
});

export const app = (network = 'staging', name = 'web'): App => ({
  id: `app_${name}`,
  name,
  network,
  hostname: `${name}.${network}.localhost`,
  url: `http://${name}.${network}.localhost:4080`,
  description: null,
  health_check_path: '/healthz',
  status: 'created',
  current_release: null,
  created_at: '2025-01-01T00:00:00Z',
  updated_at: '2025-01-01T00:00:00Z',
});

export const me: Me = {
  id: 'usr_1',
  email: 'dev@example.test',
  name: 'Dev',
  created_at: '2025-01-01T00:00:00Z',
  auth: { type: 'access_token', scope: 'admin', expires_at: '2025-01-01T01:00:00Z' },
};

export const event = (seq: number): Event => ({
  id: `evt_${seq}`,
  seq,
  action: 'network.created',
  actor: { type: 'user', id: 'usr_1', email: 'dev@example.test' },
  target: { type: 'network', network: 'staging' },
  details: {},
  created_at: '2025-01-01T00:00:00Z',
});

export const tokens: TokenResponse = {
  access_token: 'mxa_SECRETaccessTOKEN',
  refresh_token: 'mxr_SECRETrefreshTOKEN',
  token_type: 'Bearer',
  expires_in: 3600,
  scope: 'admin',
};

export const deviceAuthorization: DeviceAuthorization = {
  device_code: 'SECRETdevicecode',
  user_code: 'WDJB-MJHT',
  verification_uri: 'http://127.0.0.1:4000/device',
  verification_uri_complete: 'http://127.0.0.1:4000/device?user_code=WDJB-MJHT',
  expires_in: 600,
  interval: 5,
};

export const apiToken: ApiToken = {
  id: 'tok_1',
  name: 'ci',
  scope: 'deploy',
  created_at: '2025-01-01T00:00:00Z',
  expires_at: null,
  last_used_at: null,
};

export const apiTokenCreated: ApiTokenCreated = { ...apiToken, token: 'mxp_SECRETapiTOKEN' };
