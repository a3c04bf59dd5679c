import { describe, expect, it } from 'vitest';
import { toEffectiveEnvEntry } from '@max/rig-sdk';
import { renderEnvTable } from './env-table.js';

const DIGEST = `sha256:${'d'.repeat(64)}`;

describe('the effective environment for people', () => {
  const env = [
    { key: 'API_KEY', source: 'secret' as const, value: null, digest: DIGEST, overridden: ['app' as const] },
    { key: 'LOG_LEVEL', source: 'app' as const, value: 'debug', digest: null, overridden: ['network' as const] },
    { key: 'PORT', source: 'platform' as const, value: null, digest: null, overridden: [] },
  ].map(toEffectiveEnvEntry);

  it('takes the digest from the entry for secrets only', () => {
    expect(env).toEqual([
      { key: 'API_KEY', source: 'secret', value: null, digest: DIGEST, overridden: ['app'] },
      { key: 'LOG_LEVEL', source: 'app', value: 'debug', overridden: ['network'] },
      { key: 'PORT', source: 'platform', value: null, overridden: [] },
    ]);
  });

  it('piped: one line per key; a secret shows its digest, an unknown platform value says when it is set', () => {
    expect(renderEnvTable(env, { tty: false })).toBe(
      `env\tAPI_KEY\tsecret\t(secret ${DIGEST})\tapp\nenv\tLOG_LEVEL\tapp\tdebug\tnetwork\nenv\tPORT\tplatform\t(set when a process starts)\t\n`,
    );
  });
});
