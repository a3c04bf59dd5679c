import { topics } from '@max/api-spec';
import type { Platform } from '../platform.js';
import type { BindingLookups } from './network-binding.js';

/** Where the network-binding checks (REST and channels) find the network of a resource named by id. */
export function bindingLookups(platform: Platform): BindingLookups {
  return {
    deploymentNetwork: (userId, id) => platform.deploys.records.deployment(userId, id)?.network ?? null,
    eventNetwork: (userId, id) => {
      const event = platform.events.get(userId, id);
      return event ? (event.target.network ?? '') : null;
    },
    shellNetwork: (userId, id) => platform.remote.records.shell(userId, id)?.network ?? null,
    runNetwork: (userId, id) => platform.remote.records.run(userId, id)?.network ?? null,
  };
}

/**
 * The network of a channel topic, for sockets of network-bound credentials (see realtime/network-bound-topics.ts):
 * the name, null when the user has no such resource, undefined when the topic spans networks or cannot be checked.
 */
export function topicNetworkOf(lookups: BindingLookups): (topic: string, userId: string) => string | null | undefined {
  return (topic, userId) => {
    const parsed = topics.parse(topic);
    switch (parsed?.family) {
      case 'logs:app':
      case 'logs:network':
        return parsed.network;
      case 'logs:build':
      case 'deployment':
        return lookups.deploymentNetwork(userId, parsed.deployment);
      case 'shell':
        return lookups.shellNetwork?.(userId, parsed.session);
      case 'exec':
        return lookups.runNetwork?.(userId, parsed.run);
      default:
        // events:<user> spans every network; unparseable topics are the family's to refuse.
        return undefined;
    }
  };
}
