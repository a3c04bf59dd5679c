import { createHash } from 'node:crypto';
import type { EnvScope } from '../services/env-scope.js';
import type { SecretService } from '../services/secrets.js';
import type { VarService } from '../services/vars.js';

/**
 * The config half of a release: var values and the secret VERSIONS in effect when the release was made, at
 * network and app scope. Secret values are never copied here (the encrypted versions are kept by the secret
 * store), so a snapshot can sit in the database and still restore the exact environment on rollback.
 */
export interface ConfigSnapshot {
  vars: { network: Record<string, string>; app: Record<string, string> };
  secrets: {
    network: Record<string, { version: string; digest: string }>;
    app: Record<string, { version: string; digest: string }>;
  };
}

export interface SnapshotScopes {
  network: EnvScope;
  app: EnvScope;
}

/** Reads the current config of an app into a snapshot. */
export function takeSnapshot(vars: VarService, secrets: SecretService, scopes: SnapshotScopes): ConfigSnapshot {
  const varsOf = (scope: EnvScope): Record<string, string> => Object.fromEntries(vars.all(scope).map((v) => [v.key, v.value]));
  const secretsOf = (scope: EnvScope): Record<string, { version: string; digest: string }> =>
    Object.fromEntries([...secrets.versions(scope)].map(([key, v]) => [key, { version: v.versionId, digest: v.digest }]));
  return {
    vars: { network: varsOf(scopes.network), app: varsOf(scopes.app) },
    secrets: { network: secretsOf(scopes.network), app: secretsOf(scopes.app) },
  };
}

/**
 * `sha256:<hex>` over the snapshot's var values and secret digests (not version ids: setting a secret to the
 * value it had gives the same digest), keys sorted — two releases with the same config have the same digest.
 */
export function snapshotDigest(snapshot: ConfigSnapshot): string {
  const sorted = (record: Record<string, string>): [string, string][] => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const digests = (record: Record<string, { digest: string }>): Record<string, string> =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v.digest]));
  const canonical = JSON.stringify({
    vars: { network: sorted(snapshot.vars.network), app: sorted(snapshot.vars.app) },
    secrets: { network: sorted(digests(snapshot.secrets.network)), app: sorted(digests(snapshot.secrets.app)) },
  });
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}

/**
 * The process environment of a release: network vars ⊕ app vars ⊕ network secrets ⊕ app secrets ⊕ platform
 * vars (the same precedence as `EnvService`); `PORT` is added by the supervisor. Secrets are decrypted here,
 * in memory, for the process only.
 */
export function envFromSnapshot(
  secrets: SecretService,
  scopes: SnapshotScopes,
  snapshot: ConfigSnapshot,
  platform: { app: string; network: string; hostname: string; release: number },
): Record<string, string> {
  const versions = (record: Record<string, { version: string }>): Map<string, string> =>
    new Map(Object.entries(record).map(([key, v]) => [key, v.version]));
  return {
    ...snapshot.vars.network,
    ...snapshot.vars.app,
    ...Object.fromEntries(secrets.decryptVersions(scopes.network, versions(snapshot.secrets.network))),
    ...Object.fromEntries(secrets.decryptVersions(scopes.app, versions(snapshot.secrets.app))),
    MAX_APP: platform.app,
    MAX_NETWORK: platform.network,
    MAX_HOSTNAME: platform.hostname,
    MAX_RELEASE: String(platform.release),
  };
}

export function parseSnapshot(json: string): ConfigSnapshot {
  return JSON.parse(json) as ConfigSnapshot;
}
