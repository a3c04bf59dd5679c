import { isResourceName } from '../names.js';

// Topic strings are built and parsed in one place so that server routing and client subscriptions cannot
// disagree about their spelling.

/** Ids in topics (users, deployments, sessions, runs) are opaque but URL- and topic-safe: no `:` or `/`. */
export const TOPIC_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/;

/** A topic string, parsed. */
export type ParsedTopic =
  | { readonly family: 'events'; readonly user: string }
  | { readonly family: 'logs:app'; readonly network: string; readonly app: string }
  | { readonly family: 'logs:build'; readonly deployment: string }
  | { readonly family: 'logs:network'; readonly network: string }
  | { readonly family: 'deployment'; readonly deployment: string }
  | { readonly family: 'shell'; readonly session: string }
  | { readonly family: 'exec'; readonly run: string };

/** The topic families of the Max socket. */
export type TopicFamily = ParsedTopic['family'];

function id(value: string, what: string): string {
  if (!TOPIC_ID_PATTERN.test(value)) throw new TypeError(`Invalid ${what} for a channel topic: ${JSON.stringify(value)}`);
  return value;
}

function name(value: string, what: string): string {
  if (!isResourceName(value)) throw new TypeError(`Invalid ${what} name for a channel topic: ${JSON.stringify(value)}`);
  return value;
}

function parse(topic: string): ParsedTopic | undefined {
  const at = (prefix: string): string | undefined => (topic.startsWith(prefix) ? topic.slice(prefix.length) : undefined);
  let rest: string | undefined;
  if ((rest = at('events:')) !== undefined) return TOPIC_ID_PATTERN.test(rest) ? { family: 'events', user: rest } : undefined;
  if ((rest = at('logs:app:')) !== undefined) {
    const [network, app, ...extra] = rest.split('/');
    if (extra.length > 0 || network === undefined || app === undefined) return undefined;
    return isResourceName(network) && isResourceName(app) ? { family: 'logs:app', network, app } : undefined;
  }
  if ((rest = at('logs:build:')) !== undefined) {
    return TOPIC_ID_PATTERN.test(rest) ? { family: 'logs:build', deployment: rest } : undefined;
  }
  if ((rest = at('logs:network:')) !== undefined) {
    return isResourceName(rest) ? { family: 'logs:network', network: rest } : undefined;
  }
  if ((rest = at('deployment:')) !== undefined) {
    return TOPIC_ID_PATTERN.test(rest) ? { family: 'deployment', deployment: rest } : undefined;
  }
  if ((rest = at('shell:')) !== undefined) return TOPIC_ID_PATTERN.test(rest) ? { family: 'shell', session: rest } : undefined;
  if ((rest = at('exec:')) !== undefined) return TOPIC_ID_PATTERN.test(rest) ? { family: 'exec', run: rest } : undefined;
  return undefined;
}

function format(topic: ParsedTopic): string {
  switch (topic.family) {
    case 'events':
      return topics.events(topic.user);
    case 'logs:app':
      return topics.appLogs(topic.network, topic.app);
    case 'logs:build':
      return topics.buildLogs(topic.deployment);
    case 'logs:network':
      return topics.networkLogs(topic.network);
    case 'deployment':
      return topics.deployment(topic.deployment);
    case 'shell':
      return topics.shell(topic.session);
    case 'exec':
      return topics.exec(topic.run);
  }
}

/**
 * Builds and parses channel topic strings. Builders throw a TypeError on names or ids that could not round-trip
 * (a `/` or `:` inside a name would change the topic's meaning); `parse` returns `undefined` for anything that is
 * not a valid Max topic.
 *
 * @example
 * topics.appLogs('staging', 'web');              // 'logs:app:staging/web'
 * topics.parse('logs:app:staging/web');          // { family: 'logs:app', network: 'staging', app: 'web' }
 * topics.parse('room:lobby');                    // undefined
 */
export const topics = {
  events: (userId: string): string => `events:${id(userId, 'user id')}`,
  appLogs: (network: string, app: string): string => `logs:app:${name(network, 'network')}/${name(app, 'app')}`,
  buildLogs: (deploymentId: string): string => `logs:build:${id(deploymentId, 'deployment id')}`,
  networkLogs: (network: string): string => `logs:network:${name(network, 'network')}`,
  deployment: (deploymentId: string): string => `deployment:${id(deploymentId, 'deployment id')}`,
  shell: (sessionId: string): string => `shell:${id(sessionId, 'shell session id')}`,
  exec: (runId: string): string => `exec:${id(runId, 'run id')}`,
  parse,
  format,
} as const;
