import type { Schemas } from '@max/api-spec';
import type { FieldError } from '../http/api-error.js';
import { docDefaults, type LiveApp, type LiveNetwork } from './config-state.js';
import { envEntryProblems, envKeyListProblems, throwIfAny } from './env-keys.js';
import { hashBody } from './idempotency.js';
import { assertDescription, assertHealthCheckPath, nameProblem } from './names.js';

export type ConfigDocument = Schemas['ConfigDocument'];
export type PlanChange = Schemas['PlanChange'];
export type PlanBlocker = Schemas['PlanBlocker'];
export type Plan = Schemas['Plan'];

/**
 * Checks what the JSON schema cannot: unique network and app names, platform keys, value rules.
 * `base` is where the document sits in the request (`''` for plan, `/document` for apply).
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
    fields.push(...envKeyListProblems(network.secrets ?? [], `${at}/secrets`, { allowEmpty: true, forSet: true }));
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
      fields.push(...envKeyListProblems(app.secrets ?? [], `${appAt}/secrets`, { allowEmpty: true, forSet: true }));
    });
  });
  throwIfAny(fields);
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

function diffSecrets(
  changes: PlanChange[],
  blockers: PlanBlocker[],
  network: string,
  app: string | null,
  live: ReadonlyMap<string, string>,
  wanted: readonly string[],
): void {
  const wantedSet = new Set(wanted);
  for (const key of sorted(wantedSet)) {
    if (live.has(key)) continue;
    const where = app === null ? `network "${network}"` : `app "${network}/${app}"`;
    blockers.push({
      reason: 'secret_missing',
      network,
      app,
      key,
      message: `Secret ${key} is listed for ${where} but not set there; set its value first (values never travel in documents).`,
    });
  }
  for (const key of sorted(live.keys())) {
    if (!wantedSet.has(key)) changes.push(change('delete', 'secret', network, app, key));
  }
}

function diffApp(
  changes: PlanChange[],
  blockers: PlanBlocker[],
  network: string,
  doc: Schemas['ConfigApp'],
  live: LiveApp | undefined,
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
  diffSecrets(changes, blockers, network, doc.name, live?.secrets ?? new Map(), doc.secrets ?? []);
}

/**
 * The plan: changes in the order `apply` makes them (per network: the network, its vars, its
 * secrets, then each app with its vars and secrets, then pruned apps), blockers, and a digest of
 * both plus the digests of the secrets involved — so a secret re-set to another value since the
 * plan makes `apply` with the old `plan_digest` stale, although the change list looks the same.
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
    diffSecrets(changes, blockers, network.name, null, live?.secrets ?? new Map(), network.secrets ?? []);
    const docApps = network.apps ?? [];
    for (const app of docApps) {
      const liveApp = live?.apps.get(app.name);
      for (const [key, digest] of liveApp?.secrets ?? []) secretState.push(`${network.name}/${app.name}/${key}=${digest}`);
      diffApp(changes, blockers, network.name, app, liveApp);
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
  const digest = `sha256:${hashBody({ changes, blockers, secrets: secretState.sort() })}`;
  return { digest, changes, blockers, summary };
}
