import type { EnvEntry } from '../types.js';

/**
 * One key of an app's effective environment as it may be shown: secrets carry the digest of the value that wins,
 * never the value.
 *
 * @example
 * ```ts
 * const row: EffectiveEnvEntry = { key: 'LOG_LEVEL', source: 'app', value: 'debug', overridden: ['network'] };
 * ```
 */
export interface EffectiveEnvEntry {
  key: string;
  source: EnvEntry['source'];
  value: string | null;
  digest?: string;
  overridden: EnvEntry['source'][];
}

/**
 * The platform's entry as it may be shown: the digest only where there is one (secrets), a secret's value never.
 *
 * @example
 * ```ts
 * const env = (await client.apps.env('prod', 'web')).data.map(toEffectiveEnvEntry);
 * ```
 */
export function toEffectiveEnvEntry(entry: EnvEntry): EffectiveEnvEntry {
  const secret = entry.source === 'secret';
  return {
    key: entry.key,
    source: entry.source,
    value: secret ? null : entry.value,
    ...(secret && entry.digest !== null ? { digest: entry.digest } : {}),
    overridden: [...entry.overridden],
  };
}
