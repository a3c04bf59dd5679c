import type { TopicFamily } from './channel.js';

/**
 * Maps a topic to the family that owns it. Families are tried in order; the first match wins. Ownership
 * checks live in each family's `join`, so every topic family must decide who may join (no default allow).
 */
export class TopicRouter {
  readonly #families: readonly TopicFamily[];

  constructor(families: readonly TopicFamily[]) {
    this.#families = families;
  }

  find(topic: string): TopicFamily | undefined {
    return this.#families.find((family) => family.matches(topic));
  }
}

/** A family owning every topic that starts with `prefix` (e.g. `"events:"`); the rest is the resource id. */
export function prefixMatcher(prefix: string): (topic: string) => boolean {
  return (topic) => topic.startsWith(prefix) && topic.length > prefix.length;
}
