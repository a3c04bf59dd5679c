import type { RealtimeEventRecord as EventRecord, RealtimeEventSource } from '@max/local';

/** Gap-free per-user event log in memory (what max-local's EventLog guarantees). */
export class MemoryEvents implements RealtimeEventSource {
  readonly list: EventRecord[] = [];
  readonly #listeners = new Set<(userId: string, event: EventRecord) => void>();

  append(): void {
    const seq = this.list.length + 1;
    const event: EventRecord = {
      id: `evt_${seq}`,
      seq,
      action: 'app.updated',
      actor: { type: 'user', id: 'alice', email: null },
      target: { type: 'app', network: 'n', app: 'a' },
      details: {},
      created_at: new Date().toISOString(),
    };
    this.list.push(event);
    for (const listener of this.#listeners) listener('alice', event);
  }

  listAfter(_userId: string, afterSeq: number, limit: number): EventRecord[] {
    return this.list.slice(afterSeq, afterSeq + limit); // seq n is at index n-1
  }

  subscribe(listener: (userId: string, event: EventRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  latestSeq(): number {
    return this.list.length;
  }
}
