// @max/local — Max in one local process. Programmatic API for tests, demos and embedding.
export { startMaxLocal } from './start-max-local.js';
export type { MaxLocal, StartMaxLocalOptions } from './start-max-local.js';
export { createApiToken } from './create-api-token.js';
export type { CreateApiTokenOptions } from './create-api-token.js';
export { approveDeviceLogin } from './approve-device-login.js';
export type { ApproveDeviceLoginOptions } from './approve-device-login.js';
export type { Clock } from './clock.js';
export type { EventLog, EventRecord, EventListener, EventActor, EventTarget } from './services/event-log.js';
export type { Scope } from './auth/scopes.js';
export * from './realtime/index.js';
