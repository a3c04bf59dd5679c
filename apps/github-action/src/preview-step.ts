import * as core from '@actions/core';
import { MaxNotFoundError, copyAppConfig, formatAppRef, type AppRef, type MaxClient } from '@max/rig-sdk';
import { deployStep, type DeployStepOptions } from './deploy-step.js';
import { upsertPreviewComment, type CommentTarget } from './pr-comment.js';
import type { Report } from './report.js';

export interface PreviewOptions extends DeployStepOptions {
  readonly base: AppRef;
  readonly preview: AppRef;
  readonly comment: CommentTarget | undefined;
  readonly sha: string;
}

function commentBody(report: Report, base: AppRef, sha: string): string {
  const live = report.exitCode === 0;
  const head = live ? `🚀 **Preview of this pull request is live:** ${report.url ?? ''}` : `⚠️ **Preview deploy ended \`${report.status}\`** — ${report.failure?.message ?? ''}`;
  return [
    head,
    '',
    `| App | Release | Commit | Config from |`,
    `|---|---|---|---|`,
    `| \`${report.app ?? ''}\` | ${report.release === null ? '—' : `v${report.release}`} | ${sha === '' ? '—' : `\`${sha.slice(0, 7)}\``} | \`${formatAppRef(base)}\` |`,
    '',
    '_Updated by max/rig-action on every push; deleted when the pull request closes._',
  ].join('\n');
}

async function comment(target: CommentTarget | undefined, app: string, body: string): Promise<void> {
  if (target === undefined) {
    core.warning('No GitHub token (input "github-token"): the preview URL is not commented on the pull request.');
    return;
  }
  try {
    await upsertPreviewComment(target, app, body);
  } catch (error) {
    // The preview itself worked or failed on its own; a comment that could not be written must not hide that.
    core.warning(`The pull request comment could not be written: ${(error as Error).message}`, { title: 'Preview comment' });
  }
}

/**
 * `command: preview`: makes sure the preview app exists, gives it the base app's config (vars as values, secrets
 * copied on the platform, never through this runner), deploys, and creates or updates the one PR comment.
 */
export async function previewStep(client: MaxClient, options: PreviewOptions, report: Report): Promise<void> {
  const { base, preview, signal } = options;
  const name = formatAppRef(preview);
  report.app = name;
  await client.apps.get(base.network, base.app, { signal });
  const existing = await client.apps.get(preview.network, preview.app, { signal }).catch((error: unknown) => {
    if (error instanceof MaxNotFoundError) return undefined;
    throw error;
  });
  if (existing === undefined) {
    await client.apps.create(preview.network, { name: preview.app, description: `Preview of ${formatAppRef(base)}` }, { signal });
    report.notes.push(`Created the preview app ${name}.`);
  }
  const copied = await copyAppConfig(client, base, preview, { signal });
  report.notes.push(
    `Config from ${formatAppRef(base)}: ${copied.vars.length} vars (${copied.vars.join(', ') || 'none'}), ${copied.secrets.length} secrets copied on the platform (${copied.secrets.join(', ') || 'none'})${copied.removed.length > 0 ? `; removed ${copied.removed.join(', ')}` : ''}.`,
  );
  await deployStep(client, preview, { ...options, create: false }, report);
  await comment(options.comment, name, commentBody(report, base, options.sha));
}

/** `command: preview-teardown`: deletes the preview app (already gone is fine) and marks the comment. */
export async function previewTeardownStep(client: MaxClient, options: Pick<PreviewOptions, 'preview' | 'comment' | 'signal'>, report: Report): Promise<void> {
  const name = formatAppRef(options.preview);
  report.app = name;
  let deleted = true;
  await client.apps.delete(options.preview.network, options.preview.app, { signal: options.signal }).catch((error: unknown) => {
    if (!(error instanceof MaxNotFoundError)) throw error;
    deleted = false;
  });
  report.status = 'deleted';
  report.exitCode = 0;
  report.notes.push(deleted ? `Deleted the preview app ${name}.` : `The preview app ${name} was already gone.`);
  core.info(report.notes[report.notes.length - 1] ?? '');
  await comment(options.comment, name, `🧹 **Preview \`${name}\` was deleted** when the pull request closed.`);
}
