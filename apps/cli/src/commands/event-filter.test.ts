import type { Event } from '@max/rig-sdk';
import { describe, expect, it } from 'vitest';
import { matchesEventFilter } from './event-filter.js';
import { parseVersionFlag } from './rollback-app.js';
import { UsageError } from '../errors/cli-error.js';

const event: Event = {
  id: 'evt_1',
  seq: 7,
  action: 'var.set',
  actor: { type: 'user', id: 'usr_1', email: 'dev@localhost' },
  target: { type: 'app', network: 'prod', app: 'web' },
  details: {},
  created_at: '2026-11-24T12:00:00Z',
};

describe('matchesEventFilter (history --follow filters live events like the API filters the list)', () => {
  it.each([
    [{}, true],
    [{ network: 'prod' }, true],
    [{ network: 'staging' }, false],
    [{ network: 'prod', app: 'web' }, true],
    [{ network: 'prod', app: 'api' }, false],
    [{ actor: 'usr_1' }, true],
    [{ actor: 'tok_1' }, false],
    [{ action: 'var.set' }, true],
    [{ action: 'var.' }, true],
    [{ action: 'var' }, false],
    [{ action: 'secret.' }, false],
  ])('%j → %s', (filter, expected) => expect(matchesEventFilter(event, filter)).toBe(expected));
});

describe('rollback --to', () => {
  it.each([
    ['v3', 3],
    ['3', 3],
    ['V12', 12],
  ])('%s → %d', (text, version) => expect(parseVersionFlag(text)).toBe(version));
  it.each(['v0', '0', 'latest', 'v3.1', '-2'])('refuses %s', (text) => expect(() => parseVersionFlag(text)).toThrow(UsageError));
});
