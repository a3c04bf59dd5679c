import * as core from '@actions/core';
import { formatBytes, formatDuration } from '@max/rig-sdk';
import type { Report } from './report.js';

const release = (version: number | null): string => (version === null ? '—' : `v${version}`);
const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Escapes text for a Markdown table cell or line (no HTML, no table breaks). */
function md(text: string): string {
  return text.replace(/[\\`*<>|[\]]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** A fenced block that the text cannot close early. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}text\n${text}\n${ticks}`;
}

/** The job summary as Markdown: the table of facts, then notes, details, and on failure the reason and the log tail. */
export function renderSummary(report: Report, now = Date.now()): string {
  const ok = report.exitCode === 0;
  const lines: string[] = [];
  lines.push(`### ${ok ? '✅' : '❌'} rig ${report.command ?? 'action'}${report.app ? `: ${md(report.app)}` : ''} — ${md(report.status)}`, '');
  const rows: [string, string][] = [];
  if (report.app !== undefined) rows.push(['App', `\`${report.app}\``]);
  if (report.url !== undefined) rows.push(['URL', report.url]);
  if (report.releaseBefore !== null || report.releaseAfter !== null || report.release !== null) {
    const made = report.release !== null && report.release !== report.releaseAfter ? ` (this run made ${release(report.release)})` : '';
    rows.push(['Release', `${release(report.releaseBefore)} → ${release(report.releaseAfter)}${made}`]);
  }
  if (report.deploymentId !== undefined && report.deploymentId !== '') rows.push(['Deployment', `\`${report.deploymentId}\``]);
  rows.push(['Status', `\`${report.status}\` (exit code ${report.exitCode})`]);
  rows.push(['Duration', formatDuration((now - report.startedAt) / 1000)]);
  if (report.upload !== undefined) {
    const u = report.upload;
    const skippedBlobs = Math.max(0, u.uniqueBlobs - u.uploadedBlobs);
    const skippedBytes = Math.max(0, u.bytes - u.uploadedBytes);
    rows.push(['Files', `${count(u.files, 'file')}, ${formatBytes(u.bytes)}`]);
    rows.push(['Uploaded', `${count(u.uploadedBlobs, 'blob')}, ${formatBytes(u.uploadedBytes)} · skipped ${count(skippedBlobs, 'blob')}, ${formatBytes(skippedBytes)} (already on the platform)`]);
  }
  lines.push('| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`), '');
  for (const note of report.notes) lines.push(`- ${md(note)}`);
  if (report.notes.length > 0) lines.push('');
  if (report.detail !== undefined) lines.push(`**${md(report.detail.title)}**`, '', fence(report.detail.text), '');
  if (report.failure !== undefined) {
    const f = report.failure;
    lines.push(`**Why:** ${md(f.message)}`, '');
    if (f.hint !== undefined) lines.push(`**Next:** ${md(f.hint)}`, '');
    if (f.logTail.length > 0) {
      lines.push(`<details open><summary>${md(f.logTitle ?? 'Log')} (last ${f.logTail.length} lines)</summary>`, '', fence(f.logTail.join('\n')), '', '</details>', '');
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Appends the summary to `GITHUB_STEP_SUMMARY`; a runner without one only gets a notice in the log. */
export async function writeSummary(report: Report): Promise<void> {
  if ((process.env['GITHUB_STEP_SUMMARY'] ?? '') === '') {
    core.info('No GITHUB_STEP_SUMMARY file on this runner: the job summary is skipped.');
    return;
  }
  await core.summary.addRaw(renderSummary(report)).write();
}
