import { describe, expect, it } from 'vitest';
import { remoteExitCode } from './exit-status.js';

describe('remoteExitCode', () => {
  it.each([
    [{ state: 'exited', exitCode: 42, signal: null }, 42],
    [{ state: 'exited', exitCode: 0, signal: null }, 0],
    [{ state: 'failed', exitCode: 127, signal: null }, 127],
    [{ state: 'cancelled', exitCode: null, signal: 'SIGTERM' }, 143],
    [{ state: 'exited', exitCode: null, signal: 'SIGINT' }, 130],
    [{ state: 'timed_out', exitCode: null, signal: 'SIGKILL' }, 124],
    [{ exitCode: null, signal: 'SIGHUP' }, 129],
    [{ exitCode: null, signal: 'SIGNOPE' }, 255],
    [{ exitCode: null, signal: null }, 255],
  ])('%j → %i', (end, code) => {
    expect(remoteExitCode(end)).toBe(code);
  });
});
