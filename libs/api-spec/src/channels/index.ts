// Channel topics of the Max socket (`/socket/websocket`, Phoenix Channels V2). docs/protocol.md is the prose.
import { appLogsTopic } from './app-logs-topic.js';
import { buildLogsTopic } from './build-logs-topic.js';
import { deploymentTopic } from './deployment-topic.js';
import { eventsTopic } from './events-topic.js';
import { execTopic } from './exec-topic.js';
import { networkLogsTopic } from './network-logs-topic.js';
import { shellTopic } from './shell-topic.js';
import type { TopicFamily } from './topics.js';
import type { TopicDefinition } from './topic-definition.js';

export * from './common.js';
export * from './log-line.js';
export * from './deployment-state.js';
export * from './events-topic.js';
export * from './app-logs-topic.js';
export * from './build-logs-topic.js';
export * from './network-logs-topic.js';
export * from './deployment-topic.js';
export * from './shell-topic.js';
export * from './exec-topic.js';
export * from './topics.js';
export * from './topic-definition.js';

/**
 * Every topic family by name, for routing: `channelTopics[topics.parse(topic).family].joinPayload.safeParse(p)`.
 */
export const channelTopics = {
  events: eventsTopic,
  'logs:app': appLogsTopic,
  'logs:build': buildLogsTopic,
  'logs:network': networkLogsTopic,
  deployment: deploymentTopic,
  shell: shellTopic,
  exec: execTopic,
} as const satisfies Record<TopicFamily, TopicDefinition>;
