import * as core from '@actions/core';
import {
  MaxNotFoundError,
  describeDeployFailure,
  formatAppRef,
  outcomeExitCode,
  readFailureLog,
  type AppRef,
  type MaxClient,
} from '@max/rig-sdk';
import { runDeploy, type DeployEvent } from '@max/rig-sdk/node';
import { safeLine } from './log-lines.js';
import type { Report } from './report.js';

export interface DeployStepOptions {
  readonly dir: string;
  readonly create: boolean;
  readonly message: string | undefined;
  readonly timeoutMs: number;
  readonly rollback: boolean;
  readonly stabilizationSeconds: number | undefined;
  readonly signal: AbortSignal;
}

/** The build log (build and release lines) as one collapsed group in the job log, from its first line to the end. */
class BuildLogGroup {
  #open = false;
  line(text: string): void {
    if (!this.#open) {
      core.startGroup('Build log');
      this.#open = true;
    }
    core.info(safeLine('[build] ', text));
  }
  close(): void {
    if (this.#open) core.endGroup();
    this.#open = false;
  }
}

function onEvent(report: Report, group: BuildLogGroup): (event: DeployEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'bundled': {
        const s = event.summary;
        report.upload = { files: s.fileCount, bytes: s.totalBytes, uniqueBlobs: s.uniqueBlobs, uploadedBlobs: 0, uploadedBytes: 0 };
        core.info(`Bundled ${s.fileCount} files (${s.totalBytes} bytes, ${s.uniqueBlobs} distinct blobs).`);
        for (const w of s.warnings) core.warning(`${w.path}: ${w.message}`, { title: 'Bundle warning' });
        if (s.secretLike.length > 0) core.warning(`Left out secret-like files: ${s.secretLike.join(', ')}.`, { title: 'Secret-like files not deployed' });
        break;
      }
      case 'app_created':
        core.info(`Created app ${event.app.network}/${event.app.name}.`);
        break;
      case 'deployment_created':
        report.deploymentId = event.deploymentId;
        core.info(`Deployment ${event.deploymentId}: ${event.missingBlobs} blobs (${event.missingBytes} bytes) to upload.`);
        break;
      case 'upload_retry':
        core.info(`Upload of chunk ${event.chunk + 1} failed (${event.error.code}); retrying in ${Math.round(event.delayMs)} ms.`);
        break;
      case 'uploaded':
        if (report.upload) Object.assign(report.upload, { uploadedBlobs: event.blobs, uploadedBytes: event.bytes });
        break;
      case 'build_log':
        group.line(event.line.line);
        break;
      case 'build_log_gap':
        group.line(`… ${event.toSeq - event.fromSeq + 1} build log lines were not kept (${event.reason}) …`);
        break;
      case 'status':
        core.info(`Deployment ${event.deploymentId}: ${event.state}.`);
        break;
      case 'release_created':
        report.release = event.version;
        break;
      default:
        break;
    }
  };
}

/**
 * Deploys `dir` to `target` through the SDK and fills the report: outputs, the release before and after, what was
 * uploaded, and on failure the reason, an annotation and the last 50 lines of the build or runtime log.
 */
export async function deployStep(client: MaxClient, target: AppRef, options: DeployStepOptions, report: Report): Promise<void> {
  const name = formatAppRef(target);
  report.app = name;
  const signal = options.signal;
  const before = await client.apps.get(target.network, target.app, { signal }).catch((error: unknown) => {
    if (error instanceof MaxNotFoundError && options.create) return undefined;
    throw error;
  });
  report.releaseBefore = before?.current_release ?? null;
  report.url = before?.url;

  const group = new BuildLogGroup();
  let result;
  try {
    result = await runDeploy(
      client,
      {
        network: target.network,
        app: target.app,
        dir: options.dir,
        timeoutMs: options.timeoutMs,
        signal,
        create: options.create,
        rollback: options.rollback,
        ...(options.message === undefined ? {} : { message: options.message }),
        ...(options.stabilizationSeconds === undefined ? {} : { stabilizationSeconds: options.stabilizationSeconds }),
      },
      onEvent(report, group),
    );
  } finally {
    group.close();
  }
  report.url = result.url || report.url;
  report.deploymentId = result.deploymentId;
  report.release = result.release;
  report.status = result.outcome;
  report.exitCode = outcomeExitCode(result.outcome);
  const after = await client.apps.get(target.network, target.app, { signal }).catch(() => undefined);
  report.releaseAfter = after?.current_release ?? report.releaseBefore;

  const failure = describeDeployFailure(result, target, {
    timeoutMs: options.timeoutMs,
    logHint: 'The build output is in the "Build log" group of this step, and its last lines are in the job summary.',
  });
  if (failure === undefined) {
    core.info(`${name} is live at ${result.url} (release v${result.release ?? '?'}).`);
    return;
  }
  const logTail = await readFailureLog(client, result.deploymentId, target, failure, { lines: 50, signal }).catch((error: unknown) => [
    `(the log could not be read: ${(error as Error).message})`,
  ]);
  report.failure = {
    reason: failure.code,
    message: failure.message,
    hint: failure.hint,
    logTitle: failure.log === 'build' ? `Build log of ${result.deploymentId}` : `Runtime log of ${name}`,
    logTail,
  };
}
