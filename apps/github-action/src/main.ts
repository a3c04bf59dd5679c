import * as core from '@actions/core';
import { isMaxError } from '@max/rig-sdk';
import { resolve } from 'node:path';
import { connect, loginMethod } from './connect.js';
import { configApplyStep, readSecretValues } from './config-step.js';
import { deployStep } from './deploy-step.js';
import { readEvent } from './event.js';
import { InputError, Outputs, readInputs, type ActionInputs } from './inputs.js';
import type { CommentTarget } from './pr-comment.js';
import { newReport, type Report } from './report.js';
import { writeSummary } from './summary.js';

/** Masks every credential the inputs carry, before anything else can print them. */
function maskCredentials(env: Readonly<Record<string, string | undefined>>): void {
  for (const name of ['INPUT_TOKEN', 'INPUT_GITHUB-TOKEN', 'GITHUB_TOKEN']) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== '') core.setSecret(value);
  }
}

function commentTarget(inputs: ActionInputs, env: Readonly<Record<string, string | undefined>>): CommentTarget | undefined {
  const pr = inputs.event.pullRequest;
  if (pr === undefined || inputs.githubToken === undefined || inputs.githubToken === '') return undefined;
  return { owner: pr.owner, repo: pr.repo, issueNumber: pr.number, token: inputs.githubToken, apiUrl: env['GITHUB_API_URL'] ?? 'https://api.github.com' };
}

async function execute(inputs: ActionInputs, report: Report, signal: AbortSignal, env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const values = readSecretValues(inputs.secrets);
  const method = loginMethod(inputs.token, env);
  // Every input is checked by now; from here on the platform is asked.
  const client = connect(inputs.apiUrl, inputs.token, method);
  const workspace = env['GITHUB_WORKSPACE'] ?? process.cwd();
  const step = {
    dir: resolve(workspace, inputs.dir),
    create: inputs.create,
    message: inputs.message,
    timeoutMs: inputs.timeoutMs,
    rollback: inputs.rollback,
    stabilizationSeconds: inputs.stabilizationSeconds,
    signal,
  };
  switch (inputs.command) {
    case 'deploy':
      if (inputs.app) await deployStep(client, inputs.app, step, report);
      return;
    case 'preview':
    case 'preview-teardown': {
      if (!inputs.app || !inputs.preview) return;
      const preview = { network: inputs.preview.network, app: inputs.preview.name };
      const comment = commentTarget(inputs, env);
      // Loaded on demand: the GitHub REST client is the largest part of the bundle, and only previews use it.
      const { previewStep, previewTeardownStep } = await import('./preview-step.js');
      if (inputs.command === 'preview') await previewStep(client, { ...step, base: inputs.app, preview, comment, sha: inputs.event.sha }, report);
      else await previewTeardownStep(client, { preview, comment, signal }, report);
      return;
    }
    case 'config-apply':
      await configApplyStep(client, { path: inputs.config ?? '', values, signal }, report);
      return;
    case 'run': {
      const { runStep } = await import('./run-step.js');
      if (inputs.app) await runStep(client, inputs.app, { args: inputs.args, timeoutMs: inputs.timeoutMs, signal }, report);
      return;
    }
  }
}

function setOutputs(report: Report): void {
  if (report.url !== undefined) core.setOutput(Outputs.Url, report.url);
  if (report.release !== null) core.setOutput(Outputs.Release, report.release);
  if (report.deploymentId !== undefined && report.deploymentId !== '') core.setOutput(Outputs.DeploymentId, report.deploymentId);
  if (report.releaseBefore !== null) core.setOutput(Outputs.PreviousRelease, report.releaseBefore);
  core.setOutput(Outputs.Status, report.status);
  core.setOutput(Outputs.ExitCode, report.exitCode);
}

/** The one line the step fails with, and the failure's reason as it goes in the summary. */
function describeError(error: unknown, report: Report): string {
  if (error instanceof InputError) {
    report.status = 'invalid_input';
    report.exitCode = 2;
  } else if (isMaxError(error)) {
    report.status = error.code === 'connection_failed' || error.code === 'timeout' ? 'unreachable' : 'failed';
    report.exitCode = report.status === 'unreachable' ? 7 : error.status === 401 ? 3 : 1;
  } else {
    report.status = 'failed';
    report.exitCode = 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  report.failure ??= { reason: report.status, message, logTail: [] };
  return message;
}

/**
 * The Action: read and check every input, log in (token or OIDC), do the command, set the outputs, write the job
 * summary — on failure too — and fail the step once, with the reason, when the command did not succeed.
 */
export async function run(env: Readonly<Record<string, string | undefined>> = process.env): Promise<void> {
  const report = newReport();
  const controller = new AbortController();
  let failure: string | undefined;
  let finished = false;
  // Node exits with 0 when nothing is left to wait for; if that ever happens mid-run, the step must not pass.
  const stoppedEarly = (): void => {
    if (!finished) core.setFailed('The Action stopped before it finished: nothing was left running to wait for. Please report this.');
  };
  process.once('beforeExit', stoppedEarly);
  // A cancelled job gets SIGINT (then SIGTERM): stop waiting, and still say what happened. A deployment already
  // created goes on on the platform; the summary names it.
  const cancel = (): void => controller.abort();
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  try {
    maskCredentials(env);
    const inputs = readInputs(readEvent(env), env);
    report.command = inputs.command;
    await execute(inputs, report, controller.signal, env);
    if (report.exitCode !== 0) failure = report.failure?.message ?? `rig ${inputs.command} ended ${report.status}.`;
  } catch (error) {
    failure = describeError(error, report);
    if (controller.signal.aborted) {
      report.status = 'cancelled';
      report.exitCode = 130;
      const where = report.deploymentId ? ` Deployment ${report.deploymentId} goes on on the platform: look it up with \`rig status app ${report.app ?? ''}\`.` : '';
      failure = `The job was cancelled while rig ${report.command ?? ''} ran.${where}`;
      report.failure = { reason: 'cancelled', message: failure, logTail: [] };
    }
  }
  process.removeListener('SIGINT', cancel);
  process.removeListener('SIGTERM', cancel);
  setOutputs(report);
  try {
    await writeSummary(report);
  } catch (error) {
    core.warning(`The job summary could not be written: ${(error as Error).message}`);
  }
  finished = true;
  process.removeListener('beforeExit', stoppedEarly);
  if (failure !== undefined) {
    if (report.failure?.hint !== undefined) core.error(report.failure.hint, { title: `rig ${report.command ?? 'action'}: ${report.status}` });
    core.setFailed(failure);
  }
}
