import { describe, expect, it } from 'vitest';
import { CredentialStoreError, NotAuthenticatedError, RigAuthError, isRigAuthError, redactTokens } from './errors.js';

describe('errors', () => {
  it('carry stable codes, a brand and a JSON form', () => {
    const error = new NotAuthenticatedError('http://127.0.0.1:4000');
    expect(error).toBeInstanceOf(RigAuthError);
    expect(isRigAuthError(error)).toBe(true);
    expect(isRigAuthError(new Error('x'))).toBe(false);
    expect(error.toJSON()).toEqual({
      name: 'NotAuthenticatedError',
      code: 'not_authenticated',
      message: 'Not logged in to http://127.0.0.1:4000.',
      hint: 'Run `rig login --api-url http://127.0.0.1:4000` (or set RIG_TOKEN).',
    });
  });

  it('never carry a token in their message', () => {
    const error = new CredentialStoreError('keychain', 'failed with mxa_AbC-123_x and mxr_zzz and mxp_q');
    expect(error.message).toBe('failed with mxa_[redacted] and mxr_[redacted] and mxp_[redacted]');
    expect(redactTokens('no tokens here')).toBe('no tokens here');
  });
});
