import { approveDeviceLogin } from '../../src/index.js';
import type { Call } from './api.js';
import type { MaxLocal } from '../../src/index.js';

export interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  scope: string;
}

/** Full device-flow login through the approval page, as `rig login` would do it. */
export async function deviceLogin(max: MaxLocal, call: Call, scope?: 'read' | 'deploy' | 'admin'): Promise<Tokens> {
  const code = await call<{ device_code: string; user_code: string }>('POST', '/api/v1/auth/device/code', {
    body: { client_name: 'test', ...(scope ? { scope } : {}) },
  });
  await approveDeviceLogin({ baseUrl: max.url, adminLoginUrl: max.adminLoginUrl, userCode: code.body.user_code });
  const tokens = await call<Tokens>('POST', '/api/v1/auth/device/token', { body: { device_code: code.body.device_code } });
  if (tokens.status !== 200) throw new Error(`device login failed: ${tokens.text}`);
  return tokens.body;
}
