import { openapiDocument } from '@max/api-spec';
import { createAjv, HTTP_METHODS, rewriteRefs, type HttpMethod } from '../../src/http/openapi.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';

/**
 * Validates real responses against the OpenAPI document: finds the operation by method + path
 * template, then the response for the status (or `default`), and checks the JSON body with Ajv.
 * No hand-written shape checks: the spec is the oracle.
 */
const ajv = createAjv(openapiDocument, 'response');
const compiled = new Map<string, ValidateFunction>();

interface Match {
  template: string;
  operation: Record<string, unknown>;
}

const templates = Object.keys(openapiDocument.paths).map((template) => ({
  template,
  regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  literalChars: template.replace(/\{[^}]+\}/g, '').length,
}));

export function findOperation(method: string, path: string): Match {
  const pathname = path.split('?', 1)[0] ?? path;
  // Prefer the most literal template when several match (e.g. /a/b over /a/{x}).
  const candidates = templates
    .filter((t) => t.regex.test(pathname))
    .sort((a, b) => b.literalChars - a.literalChars);
  for (const candidate of candidates) {
    const item = openapiDocument.paths[candidate.template];
    const operation = item?.[method.toLowerCase() as HttpMethod] as Record<string, unknown> | undefined;
    if (operation) return { template: candidate.template, operation };
  }
  throw new Error(`no operation in the OpenAPI document for ${method} ${pathname}`);
}

function resolveResponse(response: unknown): Record<string, unknown> {
  const ref = (response as { $ref?: string }).$ref;
  if (ref) {
    const name = ref.replace('#/components/responses/', '');
    const resolved = openapiDocument.components.responses?.[name];
    if (!resolved) throw new Error(`unresolvable response ${ref}`);
    return resolved as Record<string, unknown>;
  }
  return response as Record<string, unknown>;
}

export interface CapturedResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** Throws with a readable message when the response does not match the spec. */
export function assertMatchesSpec(method: string, path: string, response: CapturedResponse): void {
  const { template, operation } = findOperation(method, path);
  const responses = operation['responses'] as Record<string, unknown>;
  const declared = responses[String(response.status)] ?? responses['default'];
  const where = `${method} ${template} → ${response.status}`;
  if (!declared) throw new Error(`${where}: status not documented`);
  if (!response.headers.get('x-request-id')) throw new Error(`${where}: missing x-request-id header`);
  const resolved = resolveResponse(declared);
  const schema = (resolved['content'] as Record<string, { schema?: unknown }> | undefined)?.['application/json']?.schema;
  if (!schema) {
    if (response.text !== '') throw new Error(`${where}: spec declares no body but got ${response.text.slice(0, 200)}`);
    return;
  }
  if (!(response.headers.get('content-type') ?? '').startsWith('application/json')) {
    throw new Error(`${where}: content-type ${response.headers.get('content-type')} is not JSON`);
  }
  const key = `${template} ${method} ${response.status}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(rewriteRefs(schema) as object);
    compiled.set(key, validate);
  }
  const body: unknown = JSON.parse(response.text);
  if (!validate(body)) {
    throw new Error(`${where}: body does not match the spec: ${ajv.errorsText(validate.errors)}\n${response.text.slice(0, 500)}`);
  }
  if (response.status >= 400) {
    const requestId = (body as { error: { request_id: string } }).error.request_id;
    if (requestId !== response.headers.get('x-request-id')) throw new Error(`${where}: error.request_id ≠ x-request-id`);
  }
}

/** Operation ids of the document, for coverage assertions. */
export function allOperationIds(): string[] {
  const ids: string[] = [];
  for (const item of Object.values(openapiDocument.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as { operationId?: string } | undefined;
      if (operation?.operationId) ids.push(operation.operationId);
    }
  }
  return ids;
}
