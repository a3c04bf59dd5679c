import { describe, expect, it } from 'vitest';
import { channelTopics } from './index.js';
import { topics, type ParsedTopic } from './topics.js';

describe('topics', () => {
  const cases: [string, ParsedTopic][] = [
    ['events:usr_01J9', { family: 'events', user: 'usr_01J9' }],
    ['logs:app:staging/web', { family: 'logs:app', network: 'staging', app: 'web' }],
    ['logs:build:dep_01J9ZQ', { family: 'logs:build', deployment: 'dep_01J9ZQ' }],
    ['logs:network:staging', { family: 'logs:network', network: 'staging' }],
    ['deployment:dep_01J9ZQ', { family: 'deployment', deployment: 'dep_01J9ZQ' }],
    ['shell:sh_7Hq2', { family: 'shell', session: 'sh_7Hq2' }],
    ['exec:run_5.a-b', { family: 'exec', run: 'run_5.a-b' }],
  ];

  it.each(cases)('%s parses and formats back', (topic, parsed) => {
    expect(topics.parse(topic)).toEqual(parsed);
    expect(topics.format(parsed)).toBe(topic);
  });

  it('covers every topic family', () => {
    expect(new Set(cases.map(([, p]) => p.family))).toEqual(new Set(Object.keys(channelTopics)));
  });

  it('builders spell topics as the protocol does', () => {
    expect(topics.appLogs('staging', 'web')).toBe('logs:app:staging/web');
    expect(topics.networkLogs('staging')).toBe('logs:network:staging');
    expect(topics.buildLogs('dep_1')).toBe('logs:build:dep_1');
    expect(topics.events('usr_1')).toBe('events:usr_1');
  });

  it.each([
    'room:lobby',
    'logs:app:staging',
    'logs:app:staging/web/extra',
    'logs:app:Staging/web',
    'logs:app:/web',
    'logs:network:',
    'events:',
    'shell:a:b',
    'exec:a/b',
    'deployment:-dep',
    'logs:build:',
    'phoenix',
  ])('%s is not a Max topic', (topic) => {
    expect(topics.parse(topic)).toBeUndefined();
  });

  it('builders refuse values that would change the topic', () => {
    expect(() => topics.appLogs('staging/evil', 'web')).toThrow(TypeError);
    expect(() => topics.appLogs('staging', 'WEB')).toThrow(/app name/);
    expect(() => topics.shell('a:b')).toThrow(TypeError);
    expect(() => topics.events('')).toThrow(TypeError);
    expect(() => topics.exec('x'.repeat(256))).toThrow(TypeError);
  });
});
