import { joinError, type TopicFamily } from './channel.js';

/**
 * Wraps topic families so that a socket whose credential is bound to one network (an OIDC-minted token) joins
 * only topics of that network. Another network's topic answers `not_found`, as another user's does; a topic that
 * cannot be tied to a network (`events:<user>` spans all of them) answers `unauthorized`. Unbound sockets are
 * not affected. The check runs before the family's own, so every family — including ones added later — is covered.
 */
export function bindTopicsToNetwork(
  families: readonly TopicFamily[],
  topicNetwork: ((topic: string, userId: string) => string | null | undefined) | undefined,
): TopicFamily[] {
  return families.map((family) => ({
    name: family.name,
    matches: (topic) => family.matches(topic),
    join(payload, context) {
      const bound = context.network ?? null;
      if (bound === null) return family.join(payload, context);
      const network = topicNetwork?.(context.topic, context.userId);
      if (network === undefined) {
        return joinError({
          reason: 'unauthorized',
          message: `This token is bound to network "${bound}" and cannot join ${family.name} topics.`,
        });
      }
      if (network !== null && network !== bound) {
        return joinError({ reason: 'not_found', message: `${context.topic} does not exist.` });
      }
      return family.join(payload, context);
    },
  }));
}
