import { describe, expect, it } from 'vitest';
import { commands } from '../commands/definitions.js';
import { editDistance, suggestCommand, suggestOption } from './did-you-mean.js';

const names = commands.map((d) => d.name);

describe('editDistance', () => {
  it.each([
    ['create', 'create', 0],
    ['crate', 'create', 1],
    ['stauts', 'status', 1],
    ['', 'abc', 3],
    ['network', 'netwrok', 1],
    ['kitten', 'sitting', 3],
  ])('%s → %s = %d', (a, b, d) => expect(editDistance(a, b)).toBe(d));
});

describe('suggestCommand', () => {
  it.each([
    [['crate', 'network', 'x'], 'create network'],
    [['create', 'ap'], 'create app'],
    [['stauts', 'app'], 'status app'],
    [['detials', 'network', 'prod'], 'details network'],
    [['whoam'], 'whoami'],
    [['logni'], 'login'],
    [['delet', 'app'], 'delete app'],
    [['deplyo'], 'deploy'],
    [['rolback', 'app'], 'rollback app'],
  ])('%j → %s', (typed, expected) => expect(suggestCommand(typed, names)).toBe(expected));

  it.each([[['shell']], [['frobnicate', 'x']], [['xyz', 'network']]])('%j → nothing close', (typed) => {
    expect(suggestCommand(typed, names)).toBeUndefined();
  });
});

describe('suggestOption', () => {
  it('finds the closest flag', () => {
    expect(suggestOption('netwrk', ['network', 'description'])).toBe('network');
    expect(suggestOption('zzz', ['network', 'description'])).toBeUndefined();
  });
});
