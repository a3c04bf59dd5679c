import { describe, expect, it } from 'vitest';
import { parseAppRef } from './app-ref.js';
import { UsageError } from './errors/cli-error.js';

describe('parseAppRef', () => {
  it.each([
    ['prod/web', undefined, { network: 'prod', app: 'web' }],
    ['web', 'prod', { network: 'prod', app: 'web' }],
    ['prod/web', 'prod', { network: 'prod', app: 'web' }],
  ])('%s --network %s', (ref, network, expected) => expect(parseAppRef(ref, network)).toEqual(expected));

  it.each([
    ['web', undefined, /Which network/],
    ['prod/', undefined, /not an app reference/],
    ['/web', undefined, /not an app reference/],
    ['a/b/c', undefined, /not an app reference/],
    ['prod/web', 'staging', /--network says "staging"/],
  ])('%s --network %s → usage error', (ref, network, message) => {
    expect(() => parseAppRef(ref, network)).toThrow(UsageError);
    expect(() => parseAppRef(ref, network)).toThrow(message);
  });
});
