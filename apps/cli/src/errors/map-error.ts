import { isRigAuthError, NotAuthenticatedError } from '@max/rig-auth';
import {
  isMaxError,
  MaxAbortError,
  MaxAuthenticationError,
  MaxConflictError,
  MaxConnectionError,
  MaxNotFoundError,
  MaxPermissionError,
  MaxRateLimitError,
  MaxTimeoutError,
  MaxValidationError,
  type MaxError,
} from '@max/rig-sdk';
import { CliError } from './cli-error.js';
import type { ErrorReport } from './error-report.js';
import { ExitCode } from './exit-codes.js';

/** What the command knew when it failed, for better hints. */
export interface ErrorContext {
  /** Where the token came from: a rejected RIG_TOKEN needs a different hint than a stale login. */
  readonly credentialSource?: 'env' | 'keychain' | 'file' | 'none';
  readonly apiUrl?: string;
}

/**
 * THE mapping from anything thrown to an exit code and a message (ARCHITECTURE.md §5). Loaded lazily — only when
 * a command failed — because it imports the SDK and the auth lib.
 */
export function mapError(error: unknown, context: ErrorContext = {}): ErrorReport {
  if (error instanceof CliError) {
    return {
      exitCode: error.exitCode,
      code: error.code,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
      ...(error.details ? { details: error.details } : {}),
      unexpected: false,
    };
  }
  if (isRigAuthError(error)) return mapAuthError(error, context);
  if (isMaxError(error)) return mapSdkError(error, context);
  if (error instanceof Error && error.name === 'AbortError') {
    return { exitCode: ExitCode.Interrupted, code: 'interrupted', message: 'Interrupted.', unexpected: false };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    exitCode: ExitCode.Error,
    code: 'internal_error',
    message: message || 'Unexpected error.',
    hint: 'This looks like a bug in rig. Please report it with the output of the same command with --verbose.',
    unexpected: true,
    ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
  };
}

function mapAuthError(error: Error & { code: string; hint: string | undefined }, context: ErrorContext): ErrorReport {
  const base = { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}), unexpected: false };
  if (error instanceof NotAuthenticatedError || error.code === 'not_authenticated') {
    return { ...base, exitCode: ExitCode.NotAuthenticated, ...(context.credentialSource === 'env' ? { hint: 'Check or unset RIG_TOKEN.' } : {}) };
  }
  switch (error.code) {
    case 'invalid_token_input':
      return { ...base, exitCode: ExitCode.RejectedInput };
    // rig login --oidc in an environment that provides no ID token: nothing to log in with.
    case 'oidc_token_unavailable':
      return { ...base, exitCode: ExitCode.NotAuthenticated };
    case 'invalid_api_url':
    case 'invalid_credential_store':
      return { ...base, exitCode: ExitCode.Usage };
    default:
      return { ...base, exitCode: ExitCode.Error };
  }
}

const loginHint = (context: ErrorContext) =>
  context.credentialSource === 'env' ? 'The token in RIG_TOKEN was rejected: check or unset it.' : 'Run `rig login` to log in again.';

/** Field messages the error's own message does not already say (the SDK's client-side checks name the field). */
function fieldMessages(error: MaxError): string[] {
  const fields = error.details?.['fields'];
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((field: unknown) => {
    if (typeof field !== 'object' || field === null) return [];
    const { path, message } = field as { path?: unknown; message?: unknown };
    if (typeof message !== 'string' || error.message.includes(message)) return [];
    return [typeof path === 'string' && path !== '' ? `${path.replace(/^\//, '')}: ${message}` : message];
  });
}

function mapSdkError(error: MaxError, context: ErrorContext): ErrorReport {
  const base = {
    code: error.code,
    message: error.message,
    ...(error.requestId ? { requestId: error.requestId } : {}),
    unexpected: false,
    ...(error.request ? { verboseLines: [`Request: ${error.request.method} ${error.request.url}${error.status ? ` → ${error.status}` : ''}`] } : {}),
  };
  switch (error.code) {
    case 'access_denied':
      return { ...base, exitCode: ExitCode.NotAuthenticated, message: 'The login was denied in the browser.', hint: 'Run `rig login` to try again.' };
    case 'expired_token':
      return { ...base, exitCode: ExitCode.NotAuthenticated, message: 'The login code expired before it was approved.', hint: 'Run `rig login` to get a new code.' };
    // Keyless login (rig login --oidc): the platform refused the CI's ID token; the message says why.
    case 'invalid_id_token':
      return {
        ...base,
        exitCode: ExitCode.NotAuthenticated,
        hint: 'Check the ID token: issued for audience "max" (or the policy\'s), not expired, by an issuer a trust policy names (docs/oidc.md).',
      };
    case 'no_matching_trust_policy':
      return {
        ...base,
        exitCode: ExitCode.NotAuthenticated,
        hint: 'Add a trust policy for this repository (and ref/environment): `max-local oidc trust add …` or POST /api/v1/oidc/trust-policies (docs/oidc.md).',
      };
    case 'network_not_empty':
      return { ...base, exitCode: ExitCode.Conflict, hint: 'Pass --force to delete the network together with its apps.' };
    case 'idempotency_key_reused':
      return { ...base, exitCode: ExitCode.Conflict };
    case 'plan_stale':
      return { ...base, exitCode: ExitCode.Conflict, hint: 'The platform changed since the plan was made; run the command again and review the new plan.' };
    case 'plan_blocked':
      return { ...base, exitCode: ExitCode.Conflict, ...(error.details ? { details: error.details } : {}), hint: 'Set the missing secrets (`rig create secret`, or pass --secrets-from-env-file) and try again.' };
    case 'not_revertible':
      return { ...base, exitCode: ExitCode.Conflict, hint: '`rig history` shows which events can be reverted.' };
    // Bundling a deploy's source tree (`@max/rig-sdk/node`'s MaxBundleError): the directory is the problem.
    case 'not_a_directory':
      return { ...base, exitCode: ExitCode.RejectedInput, hint: 'Pass the directory to deploy: `rig deploy <dir> --app <network>/<app>`.' };
    case 'symlink_escape':
      return { ...base, exitCode: ExitCode.RejectedInput, hint: 'The platform rebuilds links inside the app only: copy the target into the directory, or list the link in .rigignore.' };
    case 'unreadable':
      return { ...base, exitCode: ExitCode.RejectedInput, hint: 'Fix the permissions, or list the path in .rigignore.' };
    case 'file_changed':
      return { ...base, exitCode: ExitCode.Error, hint: 'A file changed while it was uploaded; deploy again (only what is missing is sent).' };
  }
  if (error instanceof MaxAuthenticationError) return { ...base, exitCode: ExitCode.NotAuthenticated, hint: loginHint(context) };
  if (error instanceof MaxPermissionError && /bound to network/.test(error.message)) {
    // An OIDC-minted token (rig login --oidc, the Action) reaches one network and never spans networks.
    return { ...base, exitCode: ExitCode.Error, hint: 'This login is keyless CI login (OIDC), limited to one network; do this with your own login (`rig login`).' };
  }
  if (error instanceof MaxPermissionError) {
    return { ...base, exitCode: ExitCode.Error, hint: 'The token’s scope is too small for this (scopes: read < deploy < admin). Log in with a larger scope.' };
  }
  if (error instanceof MaxNotFoundError) return { ...base, exitCode: ExitCode.NotFound, hint: 'Check the name; `rig status network` and `rig status app` list what exists.' };
  if (error instanceof MaxConflictError) return { ...base, exitCode: ExitCode.Conflict, hint: 'Pick another name, or look at what exists with `rig status`.' };
  if (error instanceof MaxValidationError) {
    const fields = fieldMessages(error);
    return {
      ...base,
      exitCode: ExitCode.RejectedInput,
      ...(error.details?.['fields'] ? { details: { fields: error.details['fields'] } } : {}),
      ...(fields.length > 0 ? { message: `${error.message.replace(/\.$/, '')}: ${fields.join('; ')}.` } : {}),
    };
  }
  if (error instanceof MaxConnectionError || error instanceof MaxTimeoutError) {
    const apiUrl = context.apiUrl ?? (error.request ? new URL(error.request.url).origin : undefined);
    return {
      ...base,
      exitCode: ExitCode.Unreachable,
      hint: `Is Max running${apiUrl ? ` at ${apiUrl}` : ''}? Check --api-url or RIG_API_URL (\`rig whoami\` shows the API URL in use).`,
    };
  }
  if (error instanceof MaxAbortError) return { ...base, exitCode: ExitCode.Interrupted, code: 'interrupted', message: 'Interrupted.' };
  if (error instanceof MaxRateLimitError) {
    // The platform is there but refuses more requests for now: like unreachable, nothing (more) was done and a
    // later retry is safe. rig already retried what was safe to retry, as long as Retry-After allowed.
    const wait = error.retryAfterMs !== undefined ? ` in ${Math.max(1, Math.ceil(error.retryAfterMs / 1000))} s` : ' later';
    return {
      ...base,
      exitCode: ExitCode.Unreachable,
      message: `Rate limited by the platform: ${error.message.replace(/\.$/, '')}.`,
      hint: `Too many requests for now; try again${wait}.`,
    };
  }
  return { ...base, exitCode: ExitCode.Error, hint: 'The platform failed; try again, and report it with the request id if it persists.' };
}
