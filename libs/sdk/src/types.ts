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
