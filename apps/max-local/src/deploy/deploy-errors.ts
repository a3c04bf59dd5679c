import { ApiError } from '../http/api-error.js';

/**
 * Errors of the deploy engine. They extend the server's `ApiError` so a route that lets one escape answers with
 * the right status and wire code without a mapping table; callers that run the engine in the background (builds,
 * releases) read `code`/`details` to fill a deployment's `failure`.
 */
export class DeployError extends ApiError {
  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(status, code, message, details ? { details } : {});
    this.name = new.target.name;
  }
}

/** A blob's bytes do not hash to the digest they were sent under (422 `digest_mismatch`). Nothing was stored. */
export class DigestMismatchError extends DeployError {
  readonly expected: string;
  readonly actual: string;
  constructor(expected: string, actual: string) {
    super(422, 'digest_mismatch', `Blob ${expected} does not match its contents (sha256 ${actual}).`, {
      expected,
      actual,
    });
    this.expected = expected;
    this.actual = actual;
  }
}

/** A body, blob or tree is larger than the configured limit (413 `payload_too_large`). */
export class PayloadTooLargeError extends DeployError {
  constructor(message: string, limitBytes: number) {
    super(413, 'payload_too_large', message, { limit_bytes: limitBytes });
  }
}

/** Something that is not a well-formed blob or pack (400 `bad_request`): a bad digest, a link in a pack, a bad tar. */
export class InvalidBlobError extends DeployError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(400, 'bad_request', message, details);
  }
}

/**
 * A manifest the platform refuses to materialise (400 `bad_request`): `path` names the offending entry and
 * `reason` is a stable token (`absolute_path`, `dot_segment`, `escaping_link`, …) so tests and clients can tell
 * the cases apart without parsing messages.
 */
export class UnsafeManifestError extends DeployError {
  readonly path: string;
  readonly reason: string;
  constructor(path: string, reason: string, message: string) {
    super(400, 'bad_request', `Rejected manifest entry ${JSON.stringify(path)}: ${message}`, { path, reason });
    this.path = path;
    this.reason = reason;
  }
}

/** Blobs named by the manifest are not in the store (409 `blobs_missing`, as the finalize route answers). */
export class BlobsMissingError extends DeployError {
  readonly missing: string[];
  constructor(missing: string[]) {
    super(409, 'blobs_missing', `${missing.length} blob(s) of the manifest are not uploaded yet.`, { missing });
    this.missing = missing;
  }
}

/**
 * Why a deployment ended in `failed` (or why a release never went live), in the API's `DeploymentFailure` shape.
 * These never leave through an HTTP route as errors — builds and releases run in the background — so they are
 * plain `Error`s that carry the `failure` object the deployment record stores.
 */
export interface DeploymentFailure {
  stage: 'upload' | 'build' | 'release';
  reason: 'build_failed' | 'start_failed' | 'health_check_failed' | 'crashed_after_release' | 'timed_out' | 'internal_error';
  message: string;
}

/** Base of build and release failures: `failure` is ready to store on the deployment. */
export class PipelineError extends Error {
  readonly failure: DeploymentFailure;
  constructor(failure: DeploymentFailure) {
    super(failure.message);
    this.name = new.target.name;
    this.failure = failure;
  }
}

/** The build plan could not be found or read (no `rig.json`, `package.json` or `Procfile` that says how to start). */
export class BuildPlanError extends PipelineError {
  constructor(message: string) {
    super({ stage: 'build', reason: 'build_failed', message });
  }
}

/** A build command exited non-zero or was killed by a signal. */
export class BuildFailedError extends PipelineError {
  readonly step: string;
  readonly command: string;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  constructor(step: string, command: string, exitCode: number | null, signal: NodeJS.Signals | null) {
    const how = exitCode !== null ? `exited with code ${exitCode}` : `was killed by ${signal ?? 'a signal'}`;
    super({ stage: 'build', reason: 'build_failed', message: `Build step "${step}" (${command}) ${how}.` });
    this.step = step;
    this.command = command;
    this.exitCode = exitCode;
    this.signal = signal;
  }
}

/** A build step ran past its time limit and was killed. */
export class BuildTimeoutError extends PipelineError {
  readonly step: string;
  constructor(step: string, timeoutMs: number) {
    super({
      stage: 'build',
      reason: 'timed_out',
      message: `Build step "${step}" did not finish within ${Math.round(timeoutMs / 1000)} s and was killed.`,
    });
    this.step = step;
  }
}

/** A release never became healthy: its process exited during start, or its health check timed out. */
export class ReleaseFailedError extends PipelineError {
  readonly version: number;
  constructor(version: number, reason: 'start_failed' | 'health_check_failed', message: string) {
    super({ stage: 'release', reason, message });
    this.version = version;
  }
}

/**
 * A release passed its health check and took traffic, then its process exited during the stabilization window.
 * `restoredVersion` is the release serving again when the platform switched back (the deployment ends
 * `rolled_back`); null when it did not — rollback disabled, or nothing to go back to — and the crashed release
 * stays in place, restarted by its supervisor (the deployment ends `failed`).
 */
export class ReleaseCrashedError extends PipelineError {
  readonly version: number;
  readonly restoredVersion: number | null;
  constructor(version: number, restoredVersion: number | null, message: string) {
    super({ stage: 'release', reason: 'crashed_after_release', message });
    this.version = version;
    this.restoredVersion = restoredVersion;
  }
}

/**
 * The caller cancelled (an `AbortSignal` fired, e.g. `POST /deployments/{id}/cancel`). The deployment ends in
 * `cancelled`, not `failed`, so this is not a `PipelineError`.
 */
export class CancelledError extends Error {
  constructor(message = 'Cancelled.') {
    super(message);
    this.name = 'CancelledError';
  }
}
