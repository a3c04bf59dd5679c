import { openapiDocument } from './generated/openapi-document.js';
import type { JsonSchemaObject, SchemaName } from './openapi-document-type.js';

// The component schemas of the OpenAPI document as one standalone JSON Schema (2020-12) resource, so any
// validator can compile them without understanding OpenAPI: `#/components/schemas/X` references become
// `#/$defs/X`. The server validates requests with it and tests validate responses with it.

/** `$id` of the bundled schema resource. */
export const API_SCHEMA_ID = 'https://schemas.max.invalid/api/v1.json';

/**
 * Keywords OpenAPI adds to JSON Schema. Validators in strict mode must be told to ignore them, for example
 * `ajv.addVocabulary(OPENAPI_SCHEMA_KEYWORDS)` (they only annotate; `oneOf` already does the validating).
 */
export const OPENAPI_SCHEMA_KEYWORDS = ['discriminator', 'xml', 'externalDocs', 'example'] as const;

const COMPONENT_REF = '#/components/schemas/';

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof child === 'string' && child.startsWith(COMPONENT_REF)
        ? `#/$defs/${child.slice(COMPONENT_REF.length)}`
        : rewriteRefs(child);
  }
  return out;
}

/** The bundled schema resource: `{ $schema, $id, $defs: { Network: …, … } }`. A fresh copy on every call. */
export function apiJsonSchema(): {
  readonly $schema: string;
  readonly $id: string;
  readonly $defs: Readonly<Record<SchemaName, JsonSchemaObject>>;
} {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: API_SCHEMA_ID,
    $defs: rewriteRefs(openapiDocument.components.schemas) as Record<SchemaName, JsonSchemaObject>,
  };
}

/**
 * The `$ref` URI of one schema inside {@link apiJsonSchema}, for `ajv.getSchema(schemaRef('Network'))`.
 *
 * @example
 * const ajv = new Ajv2020({ strict: true });
 * ajv.addVocabulary([...OPENAPI_SCHEMA_KEYWORDS]);
 * ajv.addSchema(apiJsonSchema());
 * const validateNetwork = ajv.getSchema(schemaRef('NetworkCreate'));
 */
export function schemaRef(name: SchemaName): string {
  return `${API_SCHEMA_ID}#/$defs/${name}`;
}
