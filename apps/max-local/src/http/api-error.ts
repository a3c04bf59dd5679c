/** One invalid input field, as reported in `details.fields` of a 422. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * An error with a wire code and HTTP status. Services throw these; the error handler turns them
 * into the one error shape `{error: {code, message, details?, request_id}}`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { details?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = options.details;
    this.headers = options.headers;
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>): ApiError =>
  new ApiError(400, 'bad_request', message, details ? { details } : {});

export const validationFailed = (fields: FieldError[], message = 'The request is invalid.'): ApiError =>
  new ApiError(422, 'validation_failed', message, { details: { fields } });

export const unauthenticated = (message = 'Authentication required: send a valid bearer token.'): ApiError =>
  new ApiError(401, 'unauthenticated', message);

export const tokenExpired = (): ApiError =>
  new ApiError(401, 'token_expired', 'The access token has expired; refresh it and retry.');

export const forbidden = (message: string): ApiError => new ApiError(403, 'forbidden', message);

export const notFound = (message: string): ApiError => new ApiError(404, 'not_found', message);

export const conflict = (message: string, code = 'conflict'): ApiError => new ApiError(409, code, message);
