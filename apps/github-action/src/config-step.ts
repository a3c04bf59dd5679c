import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { applyPlan, formatPlan, parseConfigDocument, parseEnvFile, planDocument, type MaxClient } from '@max/rig-sdk';
import type { Report } from './report.js';

/** Secret values for a config document, from the `secrets` input (dotenv text). Every value is masked first. */
export function readSecretValues(text: string | undefined): Map<string, string> {
  if (text === undefined) return new Map();
  const entries = parseEnvFile(text);
  for (const entry of entries) if (entry.value !== '') core.setSecret(entry.value);
  return new Map(entries.map((e) => [e.key, e.value]));
}

/**
 * `command: config-apply`: plans the document (with the given secret values) and applies exactly that plan in one
 * request; a blocked plan fails the step, an empty one changes nothing. The plan (no values) goes in the summary.
 */
export async function configApplyStep(
  client: MaxClient,
  options: { path: string; values: ReadonlyMap<string, string>; signal: AbortSignal },
  report: Report,
): Promise<void> {
  const path = resolve(process.env['GITHUB_WORKSPACE'] ?? process.cwd(), options.path);
  const document = parseConfigDocument(await readFile(path, 'utf8'), options.path);
  const plan = await planDocument(client, document, { prune: false, values: options.values, signal: options.signal });
  report.detail = { title: `Plan for ${options.path}`, text: formatPlan(plan).trimEnd() };
  core.info(formatPlan(plan).trimEnd());
  if (plan.blockers.length > 0) {
    report.status = 'plan_blocked';
    report.exitCode = 5;
    report.failure = {
      reason: 'plan_blocked',
      message: `The plan is blocked: ${plan.blockers.map((b) => b.message).join('; ')}. Nothing was applied.`,
      hint: 'Pass the missing values in the "secrets" input (KEY=value lines, from the repository secrets).',
      logTail: [],
    };
    return;
  }
  if (plan.changes.length === 0) {
    report.status = 'unchanged';
    report.exitCode = 0;
    return;
  }
  const { releases } = await applyPlan(client, document, plan, { prune: false, signal: options.signal });
  report.status = 'applied';
  report.exitCode = 0;
  report.notes.push(`Applied: ${plan.summary.create} created, ${plan.summary.update} updated, ${plan.summary.delete} deleted.`);
  if (releases.length > 0) report.notes.push(`New releases: ${releases.map((r) => `${r.network}/${r.app} v${r.version}`).join(', ')}.`);
}
