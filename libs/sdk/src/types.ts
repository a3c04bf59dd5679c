import type { components } from '@max/api-spec';

/**
 * Wire shapes of the Max API v1, exactly as the OpenAPI document defines them (snake_case fields, RFC 3339
 * timestamps as strings). They come from the generated types, so they change only when the spec does.
 */
type Schemas = components['schemas'];

/**
 * A network: a named group of apps (`<app>.<network>.<domain>`).
 *
 * @example
 * ```ts
 * const network: Network = await client.networks.get('staging');
 * console.log(network.name, network.app_count, network.description ?? '');
 * ```
 */
export type Network = Schemas['Network'];

/**
 * Body of `networks.create`.
 *
 * @example
 * ```ts
 * const input: NetworkCreate = { name: 'staging', description: 'Pre-production' };
 * ```
 */
export type NetworkCreate = Schemas['NetworkCreate'];

/**
 * Body of `networks.update`.
 *
 * @example
 * ```ts
 * const patch: NetworkUpdate = { description: null };
 * ```
 */
export type NetworkUpdate = Schemas['NetworkUpdate'];

/**
 * An app inside a network.
 *
 * @example
 * ```ts
 * const app: App = await client.apps.get('staging', 'web');
 * if (app.status === 'running') console.log(app.url);
 * ```
 */
export type App = Schemas['App'];

/**
 * The lifecycle state of an app.
 *
 * @example
 * ```ts
 * const healthy = (status: AppStatus) => status === 'running';
 * ```
 */
export type AppStatus = Schemas['AppStatus'];

/**
 * Body of `apps.create`.
 *
 * @example
 * ```ts
 * const input: AppCreate = { name: 'web', health_check_path: '/healthz' };
 * ```
 */
export type AppCreate = Schemas['AppCreate'];

/**
 * Body of `apps.update`.
 *
 * @example
 * ```ts
 * const patch: AppUpdate = { health_check_path: '/ready' };
 * ```
 */
export type AppUpdate = Schemas['AppUpdate'];

/**
 * The caller: user and the credential used.
 *
 * @example
 * ```ts
 * const me: Me = await client.me.get();
 * console.log(`${me.email} via ${me.auth.type} (${me.auth.scope})`);
 * ```
 */
export type Me = Schemas['Me'];

/**
 * One entry of the audit history.
 *
 * @example
 * ```ts
 * for await (const event of client.events.list({ network: 'staging' })) {
 *   console.log(event.seq, event.action, event.actor.email ?? event.actor.type);
 * }
 * ```
 */
export type Event = Schemas['Event'];

/**
 * Who did something (`Event.actor`).
 *
 * @example
 * ```ts
 * const label = (actor: Actor) => actor.email ?? `${actor.type}:${actor.id}`;
 * ```
 */
export type Actor = Schemas['Actor'];

/**
 * What something was done to (`Event.target`).
 *
 * @example
 * ```ts
 * const where = (t: EventTarget) => [t.network, t.app].filter(Boolean).join('/');
 * ```
 */
export type EventTarget = Schemas['EventTarget'];

/**
 * Tokens from the device flow, a refresh, or a token exchange.
 *
 * @example
 * ```ts
 * const tokens: TokenResponse = await client.auth.refresh(refreshToken);
 * const expiresAt = Date.now() + tokens.expires_in * 1000;
 * ```
 */
export type TokenResponse = Schemas['TokenResponse'];

/**
 * A short-lived access token minted from a CI provider's OIDC ID token (`client.auth.exchangeOidcToken`): no
 * refresh token; bound to `network` with `scope`; present a fresh ID token when it expires.
 *
 * @example
 * ```ts
 * const minted: OidcTokenResponse = await client.auth.exchangeOidcToken(idToken);
 * console.error(`deploying to ${minted.network} for ${minted.expires_in} s`);
 * ```
 */
export type OidcTokenResponse = Schemas['OidcTokenResponse'];

/**
 * An OIDC trust policy: which CI ID tokens are exchanged, for which network and scope (docs/oidc.md).
 *
 * @example
 * ```ts
 * const policy: TrustPolicy = await client.auth.trustPolicies.create(input);
 * ```
 */
export type TrustPolicy = Schemas['TrustPolicy'];

/**
 * The body of `client.auth.trustPolicies.create`.
 *
 * @example
 * ```ts
 * const input: TrustPolicyCreate = { issuer: 'https://token.actions.githubusercontent.com', repository: 'acme/web', network: 'prod', scope: 'deploy' };
 * ```
 */
export type TrustPolicyCreate = Schemas['TrustPolicyCreate'];

/**
 * A started device authorization: show `user_code` and `verification_uri` to the person, keep `device_code`.
 *
 * @example
 * ```ts
 * const auth: DeviceAuthorization = await client.auth.requestDeviceCode({ client_name: 'rig on laptop' });
 * console.error(`Open ${auth.verification_uri_complete} and confirm ${auth.user_code}`);
 * ```
 */
export type DeviceAuthorization = Schemas['DeviceAuthorization'];

/**
 * Body of `auth.requestDeviceCode`.
 *
 * @example
 * ```ts
 * const request: DeviceCodeRequest = { client_name: 'rig on laptop', scope: 'deploy' };
 * ```
 */
export type DeviceCodeRequest = Schemas['DeviceCodeRequest'];

/**
 * An API token as listed (its secret is never listed).
 *
 * @example
 * ```ts
 * for await (const token of client.auth.tokens.list()) console.log(token.id, token.name, token.last_used_at);
 * ```
 */
export type ApiToken = Schemas['ApiToken'];

/**
 * An API token as returned once by `auth.tokens.create`, with its secret in `token`.
 *
 * @example
 * ```ts
 * const created: ApiTokenCreated = await client.auth.tokens.create({ name: 'ci', scope: 'deploy' });
 * saveSecret(created.token);
 * ```
 */
export type ApiTokenCreated = Schemas['ApiTokenCreated'];

/**
 * Body of `auth.tokens.create`.
 *
 * @example
 * ```ts
 * const input: ApiTokenCreate = { name: 'ci', scope: 'deploy', expires_in: 30 * 86_400 };
 * ```
 */
export type ApiTokenCreate = Schemas['ApiTokenCreate'];

/**
 * What a credential may do: `read` < `deploy` < `admin`.
 *
 * @example
 * ```ts
 * const scope: Scope = 'deploy';
 * ```
 */
export type Scope = Schemas['Scope'];

/**
 * Sort orders of list operations; a leading `-` sorts descending.
 *
 * @example
 * ```ts
 * const newestFirst: ListSort = '-created_at';
 * ```
 */
export type ListSort = Schemas['ListSort'];

/**
 * The error body every failing Max response carries.
 *
 * @example
 * ```ts
 * const body: ErrorBody = { error: { code: 'not_found', message: 'No such network', request_id: 'req_1' } };
 * ```
 */
export type ErrorBody = Schemas['Error'];

/**
 * A stable error code of Max API v1 (`MaxError.code` may also be an SDK code such as `timeout`).
 *
 * @example
 * ```ts
 * const retryLater: ErrorCode[] = ['rate_limited', 'unavailable'];
 * ```
 */
export type ErrorCode = Schemas['ErrorCode'];

/**
 * One invalid input in `details.fields` of a `validation_failed` error.
 *
 * @example
 * ```ts
 * const fields = (err.details?.fields ?? []) as FieldError[];
 * ```
 */
export type FieldError = Schemas['FieldError'];

/**
 * Keys to values, the shape of a bulk `vars.set` / `secrets.set` and of `vars` in config documents.
 *
 * @example
 * ```ts
 * const values: EnvMap = { NODE_ENV: 'production', LOG_LEVEL: 'info' };
 * ```
 */
export type EnvMap = Schemas['EnvMap'];

/**
 * A var (plain configuration value) at network or app scope.
 *
 * @example
 * ```ts
 * for await (const v of client.vars.list({ network: 'staging', app: 'web' })) console.log(`${v.key}=${v.value}`);
 * ```
 */
export type Var = Schemas['Var'];

/**
 * A secret as the API shows it: key, `sha256:` digest of the value, and timestamps. Never the value.
 *
 * @example
 * ```ts
 * const secret: Secret = await client.secrets.get({ network: 'staging' }, 'DATABASE_URL');
 * console.log(secret.key, secret.digest, secret.updated_at);
 * ```
 */
export type Secret = Schemas['Secret'];

/**
 * A release made as a side effect of a change (new config → new release of every deployed app it affects).
 *
 * @example
 * ```ts
 * const { releases } = await client.vars.set({ network: 'staging' }, { LOG_LEVEL: 'debug' });
 * for (const r of releases) console.log(`${r.network}/${r.app} v${r.version}`);
 * ```
 */
export type ReleaseRef = Schemas['ReleaseRef'];

/**
 * The answer to `vars.set`: the vars as now stored, and the releases the change made.
 *
 * @example
 * ```ts
 * const result: VarsSetResult = await client.vars.set({ network: 'staging' }, { A: '1', B: '2' });
 * console.log(result.data.map((v) => v.key)); // ['A', 'B']
 * ```
 */
export type VarsSetResult = Schemas['VarsSetResult'];

/**
 * The answer to `secrets.set`: the secrets as now stored (without values), and the releases the change made.
 *
 * @example
 * ```ts
 * const result: SecretsSetResult = await client.secrets.set({ network: 'staging' }, { API_KEY: value });
 * console.log(result.data[0]?.digest);
 * ```
 */
export type SecretsSetResult = Schemas['SecretsSetResult'];

/**
 * The answer to `vars.unset` / `secrets.unset`: the keys that existed and were removed (absent keys are not an
 * error), and the releases the change made.
 *
 * @example
 * ```ts
 * const { unset }: KeysUnsetResult = await client.vars.unset({ network: 'staging' }, ['OLD', 'GONE']);
 * ```
 */
export type KeysUnsetResult = Schemas['KeysUnsetResult'];

/**
 * Where an effective environment value comes from, lowest precedence first: `network` vars, `app` vars,
 * `secret`s (app secrets over network secrets), `platform` vars.
 *
 * @example
 * ```ts
 * const label: Record<EnvSource, string> = { network: 'net', app: 'app', secret: 'secret', platform: 'platform' };
 * ```
 */
export type EnvSource = Schemas['EnvSource'];

/**
 * One key of an app's effective environment: the source that won, the value (`null` for secrets, whose
 * `digest` identifies the value, and for platform values fixed only when a process starts) and the
 * lower-precedence sources it overrode.
 *
 * @example
 * ```ts
 * const describe = (e: EnvEntry) => `${e.key} from ${e.source}${e.overridden.length ? ` (over ${e.overridden.join(', ')})` : ''}`;
 * ```
 */
export type EnvEntry = Schemas['EnvEntry'];

/**
 * An app's effective environment, sorted by key.
 *
 * @example
 * ```ts
 * const env: AppEnv = await client.apps.env('staging', 'web');
 * for (const entry of env.data) console.log(entry.key, entry.source, entry.value ?? '(secret)');
 * ```
 */
export type AppEnv = Schemas['AppEnv'];

/**
 * The state of a deployment.
 *
 * @example
 * ```ts
 * const finished = (s: DeploymentState) => ['running', 'failed', 'rolled_back', 'cancelled'].includes(s);
 * ```
 */
export type DeploymentState = Schemas['DeploymentState'];

/**
 * The short form of a deployment the dashboard shows per app.
 *
 * @example
 * ```ts
 * const age = (d: DeploymentSummary) => Date.now() - Date.parse(d.created_at);
 * ```
 */
export type DeploymentSummary = Schemas['DeploymentSummary'];

/**
 * An app with its latest deployment, as the dashboard lists it.
 *
 * @example
 * ```ts
 * const line = (a: DashboardApp) => `${a.network}/${a.name} ${a.status} ${a.latest_deployment?.state ?? '-'}`;
 * ```
 */
export type DashboardApp = Schemas['DashboardApp'];

/**
 * Everything for an overview screen, from one request: networks, apps, recent events and counts.
 *
 * @example
 * ```ts
 * const dashboard: Dashboard = await client.dashboard.get({ events: 10 });
 * console.log(`${dashboard.counts.apps} apps, ${dashboard.counts.apps_by_status.running} running`);
 * ```
 */
export type Dashboard = Schemas['Dashboard'];

/**
 * A declarative configuration document (`version: 1`): networks, their apps, vars and secrets as key and
 * digest (never secret values). `config.export` writes it; `config.plan` and `config.apply` take it.
 *
 * @example
 * ```ts
 * const document: ConfigDocument = {
 *   version: 1,
 *   networks: [{ name: 'staging', vars: { LOG_LEVEL: 'info' }, secrets: [{ key: 'DATABASE_URL' }], apps: [{ name: 'web' }] }],
 * };
 * ```
 */
export type ConfigDocument = Schemas['ConfigDocument'];

/**
 * A secret in a config document: its key and, optionally, the `sha256:` digest its value must have. Without a
 * digest any value will do, as long as the secret is set.
 *
 * @example
 * ```ts
 * const secret: ConfigSecret = { key: 'DATABASE_URL', digest: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' };
 * ```
 */
export type ConfigSecret = Schemas['ConfigSecret'];

/**
 * Secret values sent with `config.plan` / `config.apply`, by scope (`"<network>"` or `"<network>/<app>"`), then
 * key. Write-only: never returned, never in traces or errors.
 *
 * @example
 * ```ts
 * const secretValues: ConfigSecretValues = { staging: { DATABASE_URL: url }, 'staging/web': { API_KEY: key } };
 * ```
 */
export type ConfigSecretValues = Schemas['ConfigSecretValues'];

/**
 * A network in a config document.
 *
 * @example
 * ```ts
 * const network: ConfigNetwork = { name: 'staging', description: 'Pre-production', apps: [] };
 * ```
 */
export type ConfigNetwork = Schemas['ConfigNetwork'];

/**
 * An app in a config document.
 *
 * @example
 * ```ts
 * const app: ConfigApp = { name: 'web', health_check_path: '/healthz', vars: { PORT_HINT: '3000' } };
 * ```
 */
export type ConfigApp = Schemas['ConfigApp'];

/**
 * What `config.plan` would change to make the platform match a document. Pass `digest` to `config.apply` to
 * apply exactly what was reviewed.
 *
 * @example
 * ```ts
 * const plan: Plan = await client.config.plan(document);
 * if (plan.blockers.length === 0 && plan.changes.length > 0) await client.config.apply(document, { planDigest: plan.digest });
 * ```
 */
export type Plan = Schemas['Plan'];

/**
 * One change of a plan.
 *
 * @example
 * ```ts
 * const line = (c: PlanChange) => `${c.action} ${c.resource} ${[c.network, c.app, c.key].filter(Boolean).join('/')}`;
 * ```
 */
export type PlanChange = Schemas['PlanChange'];

/**
 * One changed field of a plan change (a secret change has one, `digest`: values are never shown).
 *
 * @example
 * ```ts
 * const diff = (f: PlanField) => `${f.name}: ${f.before ?? '∅'} → ${f.after ?? '∅'}`;
 * ```
 */
export type PlanField = Schemas['PlanField'];

/**
 * Something a plan cannot do (`secret_missing`, `secret_changed` — both lifted by supplying the value — or
 * `name_taken`); `config.apply` refuses while any remain.
 *
 * @example
 * ```ts
 * for (const b of plan.blockers) console.error(`${b.reason}: ${b.message}`);
 * ```
 */
export type PlanBlocker = Schemas['PlanBlocker'];

/**
 * The answer to `config.apply`: the plan that was applied, and the releases it made.
 *
 * @example
 * ```ts
 * const { plan, releases }: ConfigApplyResult = await client.config.apply(document);
 * console.log(`${plan.summary.create} created, ${releases.length} releases`);
 * ```
 */
export type ConfigApplyResult = Schemas['ConfigApplyResult'];

/**
 * The answer to `events.revert`: the new event recording the revert, and the releases it made.
 *
 * @example
 * ```ts
 * const { event }: EventRevertResult = await client.events.revert('evt_123');
 * console.log(event.action, event.details['reverts']);
 * ```
 */
export type EventRevertResult = Schemas['EventRevertResult'];

/**
 * A deployment: an upload of source plus its build, `uploading → queued → building → releasing → running`, or
 * `failed` / `rolled_back` / `cancelled`.
 *
 * @example
 * ```ts
 * const deployment: Deployment = await client.deployments.get('dep_123');
 * if (deployment.failure) console.error(deployment.failure.stage, deployment.failure.message);
 * ```
 */
export type Deployment = Schemas['Deployment'];

/**
 * Why a deployment ended in `failed` or `rolled_back`: the stage (`upload`, `build`, `release`), a stable reason
 * and a message for people.
 *
 * @example
 * ```ts
 * const exitCode = (f: DeploymentFailure) => (f.stage === 'build' ? 10 : 11);
 * ```
 */
export type DeploymentFailure = Schemas['DeploymentFailure'];

/**
 * Body of `deployments.create`: the manifest of the source tree, and an optional message.
 *
 * @example
 * ```ts
 * const input: DeploymentCreate = {
 *   manifest: [{ path: 'server.js', type: 'file', sha256: 'e3b0…', size: 120, mode: 0o644 }],
 *   message: 'Fix login redirect',
 * };
 * ```
 */
export type DeploymentCreate = Schemas['DeploymentCreate'];

/**
 * One entry of a deployment manifest as the API takes it (a file, or a symbolic link kept as a link).
 *
 * @example
 * ```ts
 * const entry: DeploymentManifestEntry = { path: 'bin/start', type: 'file', sha256: '9f86…', size: 42, mode: 0o755 };
 * ```
 */
export type DeploymentManifestEntry = Schemas['ManifestEntry'];

/**
 * A numbered release of an app: a deployment's code plus a config snapshot.
 *
 * @example
 * ```ts
 * for await (const r of client.releases.list('staging', 'web')) console.log(`v${r.version}`, r.state, r.description);
 * ```
 */
export type Release = Schemas['Release'];

/**
 * The state of a release: `pending`, `active` (exactly one per app), `superseded`, `failed`.
 *
 * @example
 * ```ts
 * const serving = (s: ReleaseState) => s === 'active';
 * ```
 */
export type ReleaseState = Schemas['ReleaseState'];

/**
 * Body of `releases.rollback`: the version to restore (default: the one before the current release).
 *
 * @example
 * ```ts
 * const request: RollbackRequest = { to: 3 };
 * ```
 */
export type RollbackRequest = Schemas['RollbackRequest'];

/**
 * One log line: `seq` is monotonic within its stream (app, build or network) and is the resume cursor.
 *
 * @example
 * ```ts
 * const show = (l: LogLine) => `${l.ts} ${l.app ? `[${l.app}] ` : ''}${l.line}`;
 * ```
 */
export type LogLine = Schemas['LogLine'];

/**
 * One page of log history: lines ascending by `seq`, whether more follow, and the retained range.
 *
 * @example
 * ```ts
 * const page: LogPage = await client.logs.page({ deployment: 'dep_123' });
 * if (page.has_more) console.log('more after', page.data.at(-1)?.seq);
 * ```
 */
export type LogPage = Schemas['LogPage'];

/**
 * Which output stream a log line came from.
 *
 * @example
 * ```ts
 * const stream: LogStream = 'stderr';
 * ```
 */
export type LogStream = Schemas['LogStream'];

/**
 * Who wrote a log line: the app's process, the build, or the platform itself.
 *
 * @example
 * ```ts
 * const fromPlatform = (l: LogLine) => l.source === ('platform' satisfies LogSource);
 * ```
 */
export type LogSource = Schemas['LogSource'];

/**
 * The answer to `blobs.missing`: the digests the platform does not hold, in request order.
 *
 * @example
 * ```ts
 * const { missing }: BlobsMissing = await client.blobs.missing(digests);
 * ```
 */
export type BlobsMissing = Schemas['BlobsMissing'];

/**
 * The answer to `blobs.put`: the stored blob's digest and size.
 *
 * @example
 * ```ts
 * const stored: BlobStored = await client.blobs.put(digest, bytes);
 * ```
 */
export type BlobStored = Schemas['BlobStored'];

/**
 * The answer to `blobs.uploadPack`: which blobs of the pack were new and which the platform already held.
 *
 * @example
 * ```ts
 * const result: BlobPackResult = await client.blobs.uploadPack(() => makePackStream());
 * console.log(result.stored.length, 'new,', result.already_present.length, 'already there');
 * ```
 */
export type BlobPackResult = Schemas['BlobPackResult'];

/**
 * An interactive shell session (PTY) in an app's or a network's environment.
 *
 * @example
 * ```ts
 * const session: ShellSession = await client.shells.get('sh_123');
 * console.log(session.state, session.output_bytes);
 * ```
 */
export type ShellSession = Schemas['ShellSession'];

/**
 * What `shells.create` takes: the terminal size, and optionally the command and `TERM`.
 *
 * @example
 * ```ts
 * const input: ShellCreate = { cols: 120, rows: 40, term: 'xterm-256color' };
 * ```
 */
export type ShellCreate = WithDefaults<Schemas['ShellCreate'], 'term'>;

/**
 * `running` while the shell's process lives, `exited` afterwards.
 *
 * @example
 * ```ts
 * const live = (s: ShellSession) => s.state === ('running' satisfies ShellState);
 * ```
 */
export type ShellState = Schemas['ShellState'];

/**
 * A one-off command run.
 *
 * @example
 * ```ts
 * const run: Run = await client.runs.get('run_123');
 * if (run.state === 'exited') console.log('exit code', run.exit_code);
 * ```
 */
export type Run = Schemas['Run'];

/**
 * What `runs.create` takes: the argv, extra environment and a timeout.
 *
 * @example
 * ```ts
 * const input: RunCreate = { command: ['sh', '-c', 'echo $MAX_APP'], timeout_seconds: 60 };
 * ```
 */
export type RunCreate = WithDefaults<Schemas['RunCreate'], 'timeout_seconds'>;

/**
 * The generator marks request fields that have a `default` in the spec as required; callers may leave them out
 * (the platform applies the default), so the SDK's input types make them optional again.
 */
type WithDefaults<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

/**
 * `pending` → `running` → `exited`, or `failed` (could not start), `timed_out`, `cancelled`.
 *
 * @example
 * ```ts
 * const over = (r: Run) => r.state !== ('running' satisfies RunState) && r.state !== 'pending';
 * ```
 */
export type RunState = Schemas['RunState'];
