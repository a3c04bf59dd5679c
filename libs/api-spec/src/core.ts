// The part of @max/api-spec a client needs on every call: OpenAPI-generated types, the OpenAPI document, shared
// constants and the channel topic names — everything except the zod schemas of channel payloads (which pull in
// the whole of classic `zod`). `index.ts` re-exports all of it. The CLI's and the SDK's bundles resolve
// `@max/api-spec` to this file everywhere but in the realtime layer (scripts/esbuild-core-plugin.mjs), so a REST
// call never loads the channel schemas; a name missing here fails those builds instead of slipping through.

export type { paths, components, operations } from './generated/openapi.js';
import type { components } from './generated/openapi.js';

/** All schemas of the OpenAPI document, by name: `Schemas['Network']`. */
export type Schemas = components['schemas'];

export { openapiDocument } from './generated/openapi-document.js';
export type { OpenApiDocument, JsonSchemaObject, SchemaName } from './openapi-document-type.js';

export {
  RESOURCE_NAME_PATTERN,
  RESOURCE_NAME_PATTERN_SOURCE,
  RESOURCE_NAME_MAX_LENGTH,
  ENV_KEY_PATTERN,
  ENV_KEY_PATTERN_SOURCE,
  ENV_KEY_MAX_LENGTH,
  isResourceName,
  isEnvKey,
} from './names.js';

export { ACCESS_TOKEN_PREFIX, REFRESH_TOKEN_PREFIX, API_TOKEN_PREFIX, tokenKind } from './tokens.js';
export type { TokenKind } from './tokens.js';

export { ERROR_STATUS, ERROR_CODES, DEVICE_FLOW_ERROR_CODES, isErrorCode } from './error-codes.js';
export type { ErrorCode } from './error-codes.js';

export { apiJsonSchema, schemaRef, API_SCHEMA_ID, OPENAPI_SCHEMA_KEYWORDS } from './json-schema.js';

export * from './channels/topics.js';
