import { randomBytes } from 'node:crypto';

/**
 * Writes untrusted output (a build log, a remote command's output) so the runner never reads it as workflow
 * commands: a line such as `::set-output …` or `::add-mask::` from a build must stay text. Each line is prefixed
 * (`[build] …`), and anything that is not one line is split first.
 */
export function safeLine(prefix: string, line: string): string {
  return line
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((part) => `${prefix}${part}`)
    .join('\n');
}

/**
 * Runs `write` with workflow commands switched off (`::stop-commands::<token>` … `::<token>::`), for raw output
 * that must pass through unchanged. Masks registered before still apply.
 */
export async function withCommandsStopped<T>(stdout: NodeJS.WritableStream, write: () => Promise<T>): Promise<T> {
  const token = randomBytes(16).toString('hex');
  stdout.write(`::stop-commands::${token}\n`);
  try {
    return await write();
  } finally {
    stdout.write(`\n::${token}::\n`);
  }
}
