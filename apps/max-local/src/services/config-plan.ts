import type { Schemas } from '@max/api-spec';
import type { FieldError } from '../http/api-error.js';
import { secretDigest } from '../secrets/secret-cipher.js';
import { docDefaults, type LiveApp, type LiveNetwork } from './config-state.js';
import { envEntryProblems, envKeyListProblems, escapePointer, throwIfAny } from './env-keys.js';
import { hashBody } from './idempotency.js';
import { assertDescription, assertHealthCheckPath, nameProblem } from './names.js';

export type ConfigDocument = Schemas['ConfigDocument'];
export type ConfigSecret = Schemas['ConfigSecret'];
export type ConfigSecretValues = Schemas['ConfigSecretValues'];
export type PlanChange = Schemas['PlanChange'];
export type PlanBlocker = Schemas['PlanBlocker'];
export type Plan = Schemas['Plan'];

/** A supplied secret value with its digest; the plan only ever looks at the digest. */
export interface SuppliedSecret {
  value: string;
  digest: string;
}

/** Supplied values by scope id (`<network>` or `<network>/<app>`, as in `secret_values`), then by key. */
export type SuppliedSecrets = ReadonlyMap<string, ReadonlyMap<string, SuppliedSecret>>;

/** The scope id `secret_values` uses: `<network>` for network secrets, `<network>/<app>` for app secrets. */
export const secretScopeId = (network: string, app: string | null): string => (app === null ? network : `${network}/${app}`);

/** Problems with a document's secret list: keys as for an unset list, but platform keys refused; pointers end in `/key`. */
function secretListProblems(secrets: readonly ConfigSecret[], path: string): FieldError[] {
  return envKeyListProblems(
    secrets.map((s) => s.key),
    path,
    { allowEmpty: true, forSet: true },
  ).map((f) => (f.path === path ? f : { ...f, path: `${f.path}/key` }));
}

/**
 * Checks what the JSON schema cannot: unique network and app names, platform keys, value rules.
 * `base` is where the document sits in the request (`/document`).
 */
export function assertConfigDocument(doc: ConfigDocument, base: string): void {
  const fields: FieldError[] = [];
  const seenNetworks = new Set<string>();
  doc.networks.forEach((network, n) => {
    const at = `${base}/networks/${n}`;
    const problem = nameProblem(network.name);
    if (problem) fields.push({ path: `${at}/name`, message: problem });
    if (seenNetworks.has(network.name)) fields.push({ path: `${at}/name`, message: `network "${network.name}" is listed twice` });
    seenNetworks.add(network.name);
    collect(fields, () => assertDescription(network.description, `${at}/description`));
    fields.push(...envEntryProblems(network.vars ?? {}, `${at}/vars`, { allowEmpty: true }));
    fields.push(...secretListProblems(network.secrets ?? [], `${at}/secrets`));
    const seenApps = new Set<string>();
    (network.apps ?? []).forEach((app, a) => {
      const appAt = `${at}/apps/${a}`;
      const appProblem = nameProblem(app.name);
      if (appProblem) fields.push({ path: `${appAt}/name`, message: appProblem });
      if (seenApps.has(app.name)) fields.push({ path: `${appAt}/name`, message: `app "${app.name}" is listed twice in network "${network.name}"` });
      seenApps.add(app.name);
      collect(fields, () => assertDescription(app.description, `${appAt}/description`));
      collect(fields, () => assertHealthCheckPath(app.health_check_path, `${appAt}/health_check_path`));
      fields.push(...envEntryProblems(app.vars ?? {}, `${appAt}/vars`, { allowEmpty: true }));
      fields.push(...secretListProblems(app.secrets ?? [], `${appAt}/secrets`));
    });
  });
  throwIfAny(fields);
}

/**
 * Checks `secret_values` against the (already valid) document and returns each value with its digest. Every
 * scope must be a network or app of the document, every key listed in that scope's `secrets`, every value a
 * valid env value, and a value must have the digest the document lists, if any. Messages name keys and scopes,
 * never values. `path` is where `secret_values` sits in the request.
 */
export function resolveSecretValues(doc: ConfigDocument, values: ConfigSecretValues | undefined, path: string): SuppliedSecrets {
  const resolved = new Map<string, Map<string, SuppliedSecret>>();
  if (values === undefined) return resolved;
  const listed = new Map<string, ReadonlyMap<string, ConfigSecret>>();
  for (const network of doc.networks) {
    listed.set(secretScopeId(network.name, null), new Map((network.secrets ?? []).map((s) => [s.key, s])));
    for (const app of network.apps ?? []) listed.set(secretScopeId(network.name, app.name), new Map((app.secrets ?? []).map((s) => [s.key, s])));
  }
  const fields: FieldError[] = [];
  for (const [scope, entries] of Object.entries(values)) {
    const scopePath = `${path}/${escapePointer(scope)}`;
    const secrets = listed.get(scope);
    if (!secrets) {
      fields.push({ path: scopePath, message: `"${scope}" is not a network or app of the document (use "<network>" or "<network>/<app>")` });
      continue;
    }
    const problems = envEntryProblems(entries, scopePath, { allowEmpty: true });
    fields.push(...problems);
    const bad = new Set(problems.map((p) => p.path));
    const scoped = new Map<string, SuppliedSecret>();
    for (const [key, value] of Object.entries(entries)) {
      const keyPath = `${scopePath}/${escapePointer(key)}`;
      if (bad.has(keyPath)) continue;
      const entry = secrets.get(key);
      if (!entry) {
        fields.push({ path: keyPath, message: `${key} is not listed in the document's secrets for "${scope}"` });
        continue;
      }
      const digest = secretDigest(value);
      if (entry.digest !== undefined && entry.digest !== digest) {
        fields.push({ path: keyPath, message: `the value of ${key} does not have the digest the document lists for it` });
        continue;
      }
      scoped.set(key, { value, digest });
    }
    if (scoped.size > 0) resolved.set(scope, scoped);
  }
  throwIfAny(fields);
  return resolved;
}

/** Runs a service-level assertion and keeps its field errors instead of stopping at the first. */
function collect(fields: FieldError[], check: () => void): void {
  try {
    check();
  } catch (error) {
    const details = (error as { details?: { fields?: FieldError[] } }).details;
    if (!details?.fields) throw error;
    fields.push(...details.fields);
  }
}

/** Everything `plan` needs to know about the platform besides the caller's own networks. */
export interface PlanContext {
  live: ReadonlyMap<string, LiveNetwork>;
  /** Network names that exist but belong to someone else (names are global). */
  takenByOthers: ReadonlySet<string>;
  prune: boolean;
  /** Digests of the values supplied in `secret_values`, by scope id then key (the plan never sees a value). */
  supplied: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

const change = (
  action: PlanChange['action'],
  resource: PlanChange['resource'],
  network: string,
  app: string | null,
  key: string | null,
  fields: Schemas['PlanField'][] = [],
): PlanChange => ({ action, resource, network, app, key, fields });

/** A field entry, or nothing when it does not change. */
function field(name: string, before: string | null, after: string | null): Schemas['PlanField'][] {
  return before === after ? [] : [{ name, before, after }];
}

const sorted = <T>(items: Iterable<T>): T[] => [...items].sort();

function diffVars(
  changes: PlanChange[],
  network: string,
  app: string | null,
  live: ReadonlyMap<string, string>,
  wanted: Readonly<Record<string, string>>,
): void {
  for (const key of sorted(new Set([...live.keys(), ...Object.keys(wanted)]))) {
    const before = live.get(key) ?? null;
    const after = Object.hasOwn(wanted, key) ? (wanted[key] as string) : null;
    if (before === after) continue;
    const action = before === null ? 'create' : after === null ? 'delete' : 'update';
    changes.push(change(action, 'var', network, app, key, field('value', before, after)));
  }
}

/**
 * Secrets by digest. A listed secret that is not set is a `create`, one whose live digest differs from the
 * document's is an `update`; each needs a supplied value, or it is also a blocker (apply cannot make it).
 * Secrets not listed are deleted. Sets come before deletes, each sorted by key, as `apply` makes them.
 */
function diffSecrets(
  changes: PlanChange[],
  blockers: PlanBlocker[],
  network: string,
  app: string | null,
  live: ReadonlyMap<string, string>,
  wanted: readonly ConfigSecret[],
  supplied: ReadonlyMap<string, string>,
): void {
  const where = app === null ? `network "${network}"` : `app "${network}/${app}"`;
  for (const secret of [...wanted].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const { key } = secret;
    const before = live.get(key) ?? null;
    const value = supplied.get(key);
    // A supplied value has the document's digest when the document lists one (checked before planning).
    const after = value ?? secret.digest ?? null;
    if (before === null) {
      changes.push(change('create', 'secret', network, app, key, [{ name: 'digest', before: null, after }]));
      if (value === undefined) {
        blockers.push({
          reason: 'secret_missing',
          network,
          app,
          key,
          message: `Secret ${key} is listed for ${where} but not set there; supply its value (secret_values) or set it first.`,
        });
      }
    } else if (after !== null && after !== before) {
      changes.push(change('update', 'secret', network, app, key, [{ name: 'digest', before, after }]));
      if (value === undefined) {
        blockers.push({
          reason: 'secret_changed',
          network,
          app,
          key,
          message: `Secret ${key} of ${where} has a value that differs from the document; supply its value (secret_values), or drop the digest from the document to accept any value.`,
        });
      }
    }
  }
  const listed = new Set(wanted.map((s) => s.key));
  for (const key of sorted(live.keys())) {
    if (!listed.has(key)) changes.push(change('delete', 'secret', network, app, key, [{ name: 'digest', before: live.get(key) ?? null, after: null }]));
  }
}

function diffApp(
  changes: PlanChange[],
  blockers: PlanBlocker[],
  network: string,
  doc: Schemas['ConfigApp'],
  live: LiveApp | undefined,
  supplied: ReadonlyMap<string, string>,
): void {
  const description = doc.description ?? docDefaults.description;
  const healthCheckPath = doc.health_check_path ?? docDefaults.healthCheckPath;
  if (!live) {
    changes.push(
      change('create', 'app', network, doc.name, null, [
        ...field('description', null, description),
        ...field('health_check_path', null, healthCheckPath),
      ]),
    );
  } else {
    const fields = [...field('description', live.description, description), ...field('health_check_path', live.healthCheckPath, healthCheckPath)];
    if (fields.length > 0) changes.push(change('update', 'app', network, doc.name, null, fields));
  }
  diffVars(changes, network, doc.name, live?.vars ?? new Map(), doc.vars ?? {});
  diffSecrets(changes, blockers, network, doc.name, live?.secrets ?? new Map(), doc.secrets ?? [], supplied);
}

/**
 * The plan: changes in the order `apply` makes them (per network: the network, its vars, its
 * secrets, then each app with its vars and secrets, then pruned apps), blockers, and a digest of
 * both plus the digests of the secrets involved (live and supplied) — so a secret re-set to another
 * value since the plan makes `apply` with the old `plan_digest` stale, although the change list
 * looks the same, and so does supplying other values than were planned with.
 */
export function computePlan(doc: ConfigDocument, context: PlanContext): Plan {
  const changes: PlanChange[] = [];
  const blockers: PlanBlocker[] = [];
  const secretState: string[] = [];
  for (const network of doc.networks) {
    if (context.takenByOthers.has(network.name)) {
      blockers.push({
        reason: 'name_taken',
        network: network.name,
        app: null,
        key: null,
        message: `The network name "${network.name}" is taken by another account; network names are unique on the platform.`,
      });
      continue;
    }
    const live = context.live.get(network.name);
    const description = network.description ?? docDefaults.description;
    if (!live) {
      changes.push(change('create', 'network', network.name, null, null, field('description', null, description)));
    } else {
      const fields = field('description', live.description, description);
      if (fields.length > 0) changes.push(change('update', 'network', network.name, null, null, fields));
      for (const [key, digest] of live.secrets) secretState.push(`${network.name}//${key}=${digest}`);
    }
    diffVars(changes, network.name, null, live?.vars ?? new Map(), network.vars ?? {});
    const none = new Map<string, string>();
    diffSecrets(changes, blockers, network.name, null, live?.secrets ?? new Map(), network.secrets ?? [], context.supplied.get(secretScopeId(network.name, null)) ?? none);
    const docApps = network.apps ?? [];
    for (const app of docApps) {
      const liveApp = live?.apps.get(app.name);
      for (const [key, digest] of liveApp?.secrets ?? []) secretState.push(`${network.name}/${app.name}/${key}=${digest}`);
      diffApp(changes, blockers, network.name, app, liveApp, context.supplied.get(secretScopeId(network.name, app.name)) ?? none);
    }
    if (context.prune && live) {
      const listed = new Set(docApps.map((app) => app.name));
      for (const name of sorted(live.apps.keys())) {
        if (!listed.has(name)) changes.push(change('delete', 'app', network.name, name, null));
      }
    }
  }
  const summary = { create: 0, update: 0, delete: 0 };
  for (const c of changes) summary[c.action] += 1;
  const supplied = [...context.supplied].flatMap(([scope, keys]) => [...keys].map(([key, digest]) => `${scope}/${key}=${digest}`)).sort();
  const digest = `sha256:${hashBody({ changes, blockers, secrets: secretState.sort(), supplied })}`;
  return { digest, changes, blockers, summary };
}
