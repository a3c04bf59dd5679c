import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openapiDocument, type OpenApiDocument, type operations } from '@max/api-spec';

/** An operation of the OpenAPI document, keyed by its `operationId`. */
export type OperationId = keyof operations;

type JsonObject = { [key: string]: unknown };

export const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** What the server needs to know about one operation to register and guard its route. */
export interface OperationInfo {
  id: OperationId;
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/api/v1/networks/{network}`. */
  path: string;
  /** Fastify route URL, e.g. `/api/v1/networks/:network`. */
  url: string;
  /** False when the operation declares `security: []`. */
  requiresAuth: boolean;
  /** Request schemas in Fastify's terms, with `$ref`s rewritten to the registered components. */
  schema: { body?: JsonObject; querystring?: JsonObject; params?: JsonObject; headers?: JsonObject };
}

/** `$id` under which `components.schemas` is registered with Ajv (as `$defs`). */
const COMPONENTS_ID = 'max-openapi-components';
const COMPONENT_REF = '#/components/schemas/';

/** Dot-atom local part @ one or more DNS labels (RFC 5321 §4.1.2, without quoted strings or address literals). */
const RFC5321_MAILBOX =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** OpenAPI annotations that are not JSON Schema keywords; Ajv is told to ignore them. */
const OPENAPI_KEYWORDS = ['discriminator', 'example', 'xml', 'externalDocs'];

// ajv-formats ships CJS with `module.exports = formatsPlugin` and a `default` alias; under NodeNext the
// default import is the module object, so pick whichever is callable.
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats: AddFormats =
  typeof addFormatsModule === 'function'
    ? (addFormatsModule as unknown as AddFormats)
    : (addFormatsModule as unknown as { default: AddFormats }).default;

/** Deep-copies a schema, pointing component `$ref`s at the registered components schema. */
export function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_REF)) {
      out[key] = `${COMPONENTS_ID}#/$defs/${value.slice(COMPONENT_REF.length)}`;
    } else {
      out[key] = rewriteRefs(value);
    }
  }
  return out;
}

/**
 * An Ajv 2020-12 instance that knows every `components.schemas` entry, so `$ref`s resolve.
 * `purpose` picks the coercion rules: request bodies are validated exactly as sent; query, path
 * and header values are strings on the wire and are coerced to the schema's type (with defaults).
 */
export function createAjv(document: OpenApiDocument, purpose: 'body' | 'parameters' | 'response'): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    allowUnionTypes: true,
    coerceTypes: purpose === 'parameters',
    useDefaults: purpose === 'parameters',
    strict: true,
  });
  addFormats(ajv);
  // JSON Schema's `email` is an RFC 5321 Mailbox, whose domain may be a single label. ajv-formats
  // demands a dot, which would reject the default owner `dev@localhost`; use the RFC's rule.
  ajv.addFormat('email', RFC5321_MAILBOX);
  ajv.addVocabulary(OPENAPI_KEYWORDS);
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: rewriteRefs(document.components.schemas) as JsonObject });
  return ajv;
}

interface ParameterObject {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonObject;
}

function resolveParameter(document: OpenApiDocument, parameter: unknown): ParameterObject {
  const ref = (parameter as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/parameters/', '');
    const resolved = document.components.parameters?.[name];
    if (!resolved) throw new Error(`OpenAPI: unresolvable parameter ${ref}`);
    return resolved as unknown as ParameterObject;
  }
  return parameter as ParameterObject;
}

function objectSchema(parameters: ParameterObject[], additionalProperties: boolean, lowerCase = false): JsonObject {
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const parameter of parameters) {
    const name = lowerCase ? parameter.name.toLowerCase() : parameter.name;
    properties[name] = rewriteRefs(parameter.schema ?? {});
    if (parameter.required) required.push(name);
  }
  return { type: 'object', properties, required, additionalProperties };
}

/** Reads every operation of the document into {@link OperationInfo}s, by operationId. */
export function readOperations(document: OpenApiDocument = openapiDocument): Map<OperationId, OperationInfo> {
  const result = new Map<OperationId, OperationInfo>();
  const globalAuth = (document.security ?? []).length > 0;
  for (const [path, item] of Object.entries(document.paths)) {
    const shared = ((item['parameters'] as unknown[] | undefined) ?? []).map((p) => resolveParameter(document, p));
    for (const method of HTTP_METHODS) {
      const operation = item[method] as JsonObject | undefined;
      if (!operation) continue;
      const own = ((operation['parameters'] as unknown[] | undefined) ?? []).map((p) => resolveParameter(document, p));
      // Operation-level parameters override path-level ones with the same name and location.
      const merged = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      const schema: OperationInfo['schema'] = {};
      const query = merged.filter((p) => p.in === 'query');
      const pathParams = merged.filter((p) => p.in === 'path');
      const headers = merged.filter((p) => p.in === 'header');
      // Unknown query parameters are rejected: a typo like `?forec=true` must not be silently ignored.
      schema.querystring = objectSchema(query, false);
      if (pathParams.length > 0) schema.params = objectSchema(pathParams, false);
      if (headers.length > 0) schema.headers = objectSchema(headers, true, true);
      const body = (operation['requestBody'] as { content?: Record<string, { schema?: unknown }> } | undefined)?.content?.[
        'application/json'
      ]?.schema;
      if (body) schema.body = rewriteRefs(body) as JsonObject;
      const security = operation['security'] as unknown[] | undefined;
      const id = operation['operationId'] as OperationId;
      result.set(id, {
        id,
        method,
        path,
        url: path.replace(/\{([^}]+)\}/g, ':$1'),
        requiresAuth: security ? security.length > 0 : globalAuth,
        schema,
      });
    }
  }
  return result;
}

export type { ValidateFunction };
