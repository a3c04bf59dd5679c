import { describe, expect, it } from 'vitest';
import { createTestIo } from '../../test/helpers/test-io.js';
import { writeErrorReport, type ErrorReport } from './error-report.js';

const notFound: ErrorReport = {
  exitCode: 4,
  code: 'not_found',
  message: 'Network "x" not found.',
  hint: 'Check the name.',
  requestId: 'req_1',
  unexpected: false,
  verboseLines: ['Request: GET http://127.0.0.1:4000/api/v1/networks/x → 404'],
};
const bug: ErrorReport = { exitCode: 1, code: 'internal_error', message: 'x is undefined', unexpected: true, stack: 'TypeError: x is undefined\n    at f (file.ts:1:1)' };

describe('writeErrorReport', () => {
  it('human: one Error line, the hint, a docs link with the exit-code anchor; no request details without --verbose', () => {
    const io = createTestIo();
    writeErrorReport(io, notFound, { json: false, verbose: false, color: true });
    expect(io.stderrText()).toBe(
      'Error: Network "x" not found.\nCheck the name.\nDocs: https://github.com/max/rig/blob/main/docs/cli/exit-codes.md#exit-4\n',
    );
    expect(io.stdoutText()).toBe('');
  });

  it('human with --verbose: the request and its id', () => {
    const io = createTestIo();
    writeErrorReport(io, notFound, { json: false, verbose: true, color: false });
    expect(io.stderrText()).toContain('Request: GET http://127.0.0.1:4000/api/v1/networks/x → 404');
    expect(io.stderrText()).toContain('Request id: req_1');
  });

  it('unexpected errors: the stack only with --verbose', () => {
    const quiet = createTestIo();
    writeErrorReport(quiet, bug, { json: false, verbose: false, color: false });
    expect(quiet.stderrText()).not.toContain('at f (');
    expect(quiet.stderrText()).toContain('--verbose');
    const loud = createTestIo();
    writeErrorReport(loud, bug, { json: false, verbose: true, color: false });
    expect(loud.stderrText()).toContain('at f (file.ts:1:1)');
  });

  it('colour only on a terminal and when allowed', () => {
    const tty = createTestIo({ isStderrTTY: true });
    writeErrorReport(tty, notFound, { json: false, verbose: false, color: true });
    expect(tty.stderrText()).toContain('\u001b[31m');
    const noColor = createTestIo({ isStderrTTY: true });
    writeErrorReport(noColor, notFound, { json: false, verbose: false, color: false });
    expect(noColor.stderrText()).not.toContain('\u001b[');
  });

  it('json: one object {error: {code, message, exit_code, request_id, hint}} on stderr, nothing on stdout', () => {
    const io = createTestIo();
    writeErrorReport(io, notFound, { json: true, verbose: true, color: true });
    expect(JSON.parse(io.stderrText())).toEqual({
      error: { code: 'not_found', message: 'Network "x" not found.', exit_code: 4, request_id: 'req_1', hint: 'Check the name.' },
    });
    expect(io.stdoutText()).toBe('');
  });
});
