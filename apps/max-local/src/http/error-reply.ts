import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, type FieldError } from './api-error.js';
import { NAME_RULE, RFC1035_LABEL } from '../services/names.js';

/** The spec's `Error` body. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown>; request_id: string };
}

export function errorBody(request: FastifyRequest, error: ApiError): ErrorBody {
  const body: ErrorBody = { error: { code: error.code, message: error.message, request_id: request.id } };
  if (error.details) body.error.details = error.details;
  return body;
}

export function sendApiError(request: FastifyRequest, reply: FastifyReply, error: ApiError): FastifyReply {
  if (error.headers) reply.headers(error.headers);
  return reply.code(error.status).type('application/json; charset=utf-8').send(errorBody(request, error));
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

const PART_PREFIX: Record<string, string> = { body: '', querystring: '/query', params: '/path', headers: '/header' };

/**
 * Ajv errors → `details.fields`. Paths are JSON Pointers into the body, or `/query/<name>`,
 * `/path/<name>` for parameters (as the spec's `Error` schema documents), one entry per field.
 */
export function fieldErrors(errors: readonly AjvError[], context: string | undefined): FieldError[] {
  const prefix = PART_PREFIX[context ?? 'body'] ?? '';
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  for (const error of errors) {
    let path = error.instancePath;
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      path += `/${String(error.params['missingProperty'])}`;
      message = 'is required';
    } else if (error.keyword === 'additionalProperties') {
      path += `/${String(error.params['additionalProperty'])}`;
      message = 'is not a known field';
    } else if (error.keyword === 'pattern' && error.params['pattern'] === RFC1035_LABEL.source) {
      message = NAME_RULE;
    } else if (error.keyword === 'minProperties') {
      message = 'must contain at least one field to change';
    } else if (error.keyword === 'oneOf' || error.keyword === 'if') {
      // The branch errors that follow are more useful than "must match exactly one schema".
      if (errors.length > 1) continue;
    }
    const pointer = `${prefix}${path}`;
    // One entry per field: the first failing keyword (schema order: length before pattern) says it best.
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    fields.push({ path: pointer, message });
  }
  return fields;
}

/** Maps any error reaching Fastify's error handler to an {@link ApiError}. */
export function toApiError(error: FastifyError | ApiError | Error): ApiError {
  if (error instanceof ApiError) return error;
  const fastifyError = error as FastifyError & { validationContext?: string };
  if (fastifyError.validation) {
    const fields = fieldErrors(fastifyError.validation as unknown as AjvError[], fastifyError.validationContext);
    const where = fastifyError.validationContext === 'body' ? 'request body' : `request ${fastifyError.validationContext ?? 'input'}`;
    const first = fields[0];
    const message = first ? `The ${where} is invalid: ${first.path || '(root)'} ${first.message}.` : `The ${where} is invalid.`;
    return new ApiError(422, 'validation_failed', message, { details: { fields } });
  }
  const status = fastifyError.statusCode ?? 500;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'bad_request', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'unsupported_media_type', 'Unsupported Content-Type; send application/json.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'payload_too_large', 'The request body is too large.');
    default:
      break;
  }
  if (error instanceof SyntaxError && status === 400) return new ApiError(400, 'bad_request', 'The request body is not valid JSON.');
  if (status >= 400 && status < 500) {
    return new ApiError(status, status === 404 ? 'not_found' : 'bad_request', 'The request could not be processed.');
  }
  return new ApiError(500, 'internal_error', 'An unexpected error occurred; the request id identifies it in the server log.');
}
