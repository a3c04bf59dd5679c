import { containsKnownValue, redactKnownValues } from '../core/redact.js';
import { MaxRateLimitError } from '../errors/error-classes.js';
import { isMaxError, type MaxError, type MaxErrorInit } from '../errors/max-error.js';

type MaxErrorClass = new (init: MaxErrorInit & { retryAfterMs?: number }) => MaxError;

/**
 * Runs a call that sends secret values and makes sure none of them can leave through the error it may throw.
 *
 * Trace bodies are redacted by shape (every value under `secrets`), and the SDK never puts request bodies into
 * errors. What remains is text the *server* wrote: a message or `details` that echoes a submitted value would
 * be a server bug, but a client that promises never to print a secret must not rely on that. Since this call
 * knows the exact values, it removes them; the error is rebuilt (same class, code, status, request id) rather
 * than edited so that its `stack`, which starts with the original message, cannot carry the value either.
 *
 * @internal
 */
export async function withSecretValuesHidden<T>(values: readonly string[], call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw hideSecretValues(error, values);
  }
}

/** @internal */
export function hideSecretValues(error: unknown, values: readonly string[]): unknown {
  if (!isMaxError(error)) return error;
  const rendered = `${JSON.stringify(error)}\n${String(error)}\n${error.stack ?? ''}\n${String(error.cause ?? '')}`;
  if (!containsKnownValue(rendered, values)) return error;
  const ErrorClass = error.constructor as MaxErrorClass;
  const causeIsClean = error.cause === undefined || !containsKnownValue(String(error.cause), values);
  return new ErrorClass({
    code: error.code,
    message: redactKnownValues(error.message, values) as string,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
    ...(error.request === undefined
      ? {}
      : { request: { method: error.request.method, url: redactKnownValues(error.request.url, values) as string } }),
    ...(error.details === undefined
      ? {}
      : { details: redactKnownValues(error.details, values) as Record<string, unknown> }),
    ...(error instanceof MaxRateLimitError && error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    ...(causeIsClean && error.cause !== undefined ? { cause: error.cause } : {}),
  });
}
