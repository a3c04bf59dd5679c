import type { components } from './generated/openapi.js';

/** A JSON Schema object as written in the OpenAPI document (2020-12 dialect plus OpenAPI's `discriminator`). */
export type JsonSchemaObject = { readonly [keyword: string]: unknown };

/** The names of the schemas in `components.schemas`. */
export type SchemaName = keyof components['schemas'];

/**
 * The shape of the OpenAPI document value. Deliberately loose below the top level: consumers hand schemas to a
 * validator (Ajv) rather than reading them field by field, and a literal type of the whole document would make
 * the declaration files enormous. The schema map is keyed by the generated `SchemaName`, so a schema added to the
 * YAML without regenerating fails to type-check.
 */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string; readonly [key: string]: unknown };
  readonly servers?: readonly { readonly url: string; readonly description?: string }[];
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
  readonly tags?: readonly { readonly name: string; readonly description?: string }[];
  readonly paths: { readonly [path: string]: { readonly [key: string]: unknown } };
  readonly components: {
    readonly schemas: { readonly [Name in SchemaName]: JsonSchemaObject };
    readonly parameters?: { readonly [name: string]: JsonSchemaObject };
    readonly responses?: { readonly [name: string]: JsonSchemaObject };
    readonly headers?: { readonly [name: string]: JsonSchemaObject };
    readonly securitySchemes?: { readonly [name: string]: JsonSchemaObject };
  };
}
