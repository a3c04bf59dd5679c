// @max/api-spec — the Max API v1 contract: OpenAPI-generated types, the OpenAPI document as a value, shared
// constants, and (in ./channels) zod schemas for the Phoenix channel topics.

export * from './core.js';
export * from './channels/index.js';
