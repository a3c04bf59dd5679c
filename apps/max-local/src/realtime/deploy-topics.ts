import {
  deploymentTopic,
  logJoinPayloadSchema,
  topics,
  type DeploymentHealthCheckEvent,
  type DeploymentJoinReply,
  type SeqJoinError,
  type SeqJoinReply,
  type SnapshotJoinError,
} from '@max/api-spec';
import { toRfc3339 } from '../clock.js';
import type { DeployService, DeploymentHealthCheck } from '../deployments/deploy-service.js';
import { toWireDeployment, toWireStateChange } from '../deployments/deploy-wire.js';
import { FINAL_STATES } from '../deployments/deployment-records.js';
import type { LogKind, LogStore } from '../deployments/log-store.js';
import type { AppService } from '../services/apps.js';
import type { EventLog } from '../services/event-log.js';
import type { NetworkService } from '../services/networks.js';
import type { ChannelContext, JoinResult, TopicFamily } from './channel.js';
import { joinError } from './channel.js';
import { LogStream } from './log-stream.js';
import { prefixMatcher } from './topic-router.js';

/** What the deploy topics need from max-local (the Platform satisfies it). */
export interface DeployTopicDeps {
  apps: AppService;
  networks: NetworkService;
  events: EventLog;
  logs: LogStore;
  deploys: DeployService;
}

const noClientEvents = (topic: string) => () => ({
  status: 'error' as const,
  response: { reason: 'unknown_event', message: `${topic} takes no client events.` },
});

const invalidPayload = (topic: string, issue: { path: PropertyKey[]; message: string } | undefined): JoinResult =>
  joinError<SeqJoinError>({
    reason: 'invalid_payload',
    message: `Invalid join payload for ${topic}: ${issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid'}.`,
  });

/**
 * The topic families of deployments and logs (docs/protocol.md §6.2–6.5): `logs:app:<network>/<app>`,
 * `logs:network:<network>`, `logs:build:<deployment>` and `deployment:<deployment>`. Each join checks that the
 * socket's user owns the resource (another user's is `not_found`, as in REST).
 */
export function deployTopicFamilies(deps: DeployTopicDeps): TopicFamily[] {
  return [
    logFamily(deps, 'logs:app:', (topic, userId) => {
      const parsed = topics.parse(topic);
      if (parsed?.family !== 'logs:app') return null;
      try {
        const app = deps.apps.get(userId, parsed.network, parsed.app);
        return { kind: 'app', id: app.id, endsWith: { action: 'app.deleted', id: app.id }, label: `App ${parsed.network}/${parsed.app}` };
      } catch {
        return null;
      }
    }),
    logFamily(deps, 'logs:network:', (topic, userId) => {
      const parsed = topics.parse(topic);
      if (parsed?.family !== 'logs:network') return null;
      try {
        const network = deps.networks.require(userId, parsed.network);
        return { kind: 'network', id: network.id, endsWith: { action: 'network.deleted', id: network.id }, label: `Network ${parsed.network}` };
      } catch {
        return null;
      }
    }),
    logFamily(deps, 'logs:build:', (topic, userId) => {
      const parsed = topics.parse(topic);
      if (parsed?.family !== 'logs:build') return null;
      const deployment = deps.deploys.records.deployment(userId, parsed.deployment);
      return deployment ? { kind: 'build', id: deployment.id, label: `Deployment ${deployment.id}` } : null;
    }),
    deploymentFamily(deps),
  ];
}

interface LogTarget {
  kind: LogKind;
  id: string;
  label: string;
  /** The audit event that ends this (otherwise endless) stream: its resource was deleted. */
  endsWith?: { action: string; id: string };
}

function logFamily(deps: DeployTopicDeps, prefix: string, resolve: (topic: string, userId: string) => LogTarget | null): TopicFamily {
  return {
    name: prefix.slice(0, -1),
    matches: prefixMatcher(prefix),
    join(payload, context): JoinResult {
      const target = resolve(context.topic, context.userId);
      if (!target) {
        return joinError<SeqJoinError>({ reason: 'not_found', message: `${context.topic.slice(prefix.length)} does not exist.` });
      }
      const parsed = logJoinPayloadSchema.safeParse(payload ?? {});
      if (!parsed.success) return invalidPayload(context.topic, parsed.error.issues[0]);
      const { after_seq: afterSeq, tail, stream: only } = parsed.data;
      const stream = new LogStream(deps.logs, context, { kind: target.kind, id: target.id, stream: only });
      const latest = stream.head();
      if (afterSeq !== undefined && afterSeq > latest) {
        stream.stop();
        return joinError<SeqJoinError>({
          reason: 'cursor_ahead',
          message: `after_seq ${afterSeq} is ahead of the newest line (${latest}).`,
          last_seq: latest,
        });
      }
      stream.start(afterSeq ?? latest);
      const prefixLines = afterSeq === undefined && tail ? stream.tailLines(tail) : [];
      const stops: (() => void)[] = [() => stream.stop()];
      if (target.endsWith) {
        const { action, id } = target.endsWith;
        stops.push(
          deps.events.subscribe((event) => {
            if (event.userId === context.userId && event.action === action && event.target.id === id) {
              stream.flushNow();
              context.close();
            }
          }),
        );
      }
      if (target.kind === 'build') stops.push(endBuildStream(deps, context, stream, target.id));
      const reply: SeqJoinReply = { last_seq: latest };
      return {
        status: 'ok',
        response: reply,
        handler: {
          afterJoin: () => stream.catchUp(prefixLines),
          handleIn: noClientEvents(prefix),
          terminate: () => stops.forEach((stop) => stop()),
        },
      };
    },
  };
}

/**
 * A build log ends with its deployment: once the deployment reached a final state and every line was delivered,
 * `eof` with the final state, then `phx_close`. Lines of the release step (the platform's "Release v3 is live")
 * belong to the build log too, so the stream ends at the final state rather than at `releasing`.
 */
function endBuildStream(deps: DeployTopicDeps, context: ChannelContext, stream: LogStream, deploymentId: string): () => void {
  let ended = false;
  const end = (state: string): void => {
    if (ended) return;
    ended = true;
    stream.whenCaughtUp(() => {
      stream.flushNow();
      const last = deps.logs.latestSeq('build', deploymentId);
      context.push('eof', { last_seq: last === 0 ? null : last, state });
      context.close();
    });
  };
  const unsubscribe = deps.deploys.subscribe(deploymentId, (deployment) => {
    if (FINAL_STATES.has(deployment.state)) end(deployment.state);
  });
  const current = deps.deploys.records.deploymentById(deploymentId);
  if (current && FINAL_STATES.has(current.state)) end(current.state);
  return unsubscribe;
}

const toWireHealthCheck = (check: DeploymentHealthCheck): DeploymentHealthCheckEvent => ({
  release: check.release,
  attempt: check.attempt,
  max_attempts: check.maxAttempts,
  ok: check.ok,
  status: check.status,
  message: check.message,
  at: toRfc3339(check.at),
});

function deploymentFamily(deps: DeployTopicDeps): TopicFamily {
  const prefix = 'deployment:';
  return {
    name: 'deployment',
    matches: prefixMatcher(prefix),
    join(payload, context): JoinResult {
      const parsed = topics.parse(context.topic);
      const id = parsed?.family === 'deployment' ? parsed.deployment : '';
      const payloadCheck = deploymentTopic.joinPayload.safeParse(payload ?? {});
      // Subscribe before reading the snapshot: a change in between is pushed after the reply, never lost.
      let closeAfterJoin = false;
      // Build log lines written just before a state change still sit in their `logs:build:` topic's batch, which
      // goes out on the next setImmediate; pushing the change one setImmediate later sends those lines first, so a
      // client following both topics on this socket sees the build output before "releasing" (and in general
      // everything the deployment logged before the change). setImmediate keeps the changes in their order.
      const unsubscribeState = deps.deploys.subscribe(id, (_deployment, change) => {
        // Read now, at the change: every line logged before it has a seq up to this one (appends are synchronous).
        const buildLogSeq = deps.logs.latestSeq('build', id);
        setImmediate(() => {
          context.push('state', toWireStateChange(change, buildLogSeq));
          if (FINAL_STATES.has(change.state)) context.close();
        });
      });
      const unsubscribeHealth = deps.deploys.subscribeHealthChecks(id, (check) =>
        setImmediate(() => context.push('health_check', toWireHealthCheck(check))),
      );
      const unsubscribe = (): void => {
        unsubscribeState();
        unsubscribeHealth();
      };
      const deployment = deps.deploys.records.deployment(context.userId, id);
      if (!deployment) {
        unsubscribe();
        return joinError<SnapshotJoinError>({ reason: 'not_found', message: `Deployment ${id} does not exist.` });
      }
      if (!payloadCheck.success) {
        unsubscribe();
        return invalidPayload(context.topic, payloadCheck.error.issues[0]);
      }
      if (FINAL_STATES.has(deployment.state)) closeAfterJoin = true;
      const reply: DeploymentJoinReply = { deployment: toWireDeployment(deployment) };
      return {
        status: 'ok',
        response: reply,
        handler: {
          afterJoin: () => {
            if (closeAfterJoin) context.close();
          },
          handleIn: noClientEvents(prefix),
          terminate: () => unsubscribe(),
        },
      };
    },
  };
}
