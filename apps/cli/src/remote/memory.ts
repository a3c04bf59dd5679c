import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Streaming 100 MB through rig allocates 100 MB of short-lived Buffers (socket reads, WebSocket frames). V8 frees
 * their memory only when it collects, and it lets such external memory grow to ~64 MB before it does — which is
 * most of rig's peak RSS while relaying a big output. A young-generation collection for every 1 MiB relayed frees
 * them while they are still young: `rig command -- cat <100 MB>` peaked at ~105 MB RSS without it, ~69 MB with it
 * (idle: ~58 MB), at no measurable cost in throughput (a scavenge of rig's small heap takes well under 1 ms).
 *
 * A Buffer still in flight at two scavenges in a row is promoted to the old generation, which only a full
 * collection frees; on a busy machine (rig descheduled mid-stream, its queue full) enough of them were promoted to
 * push the peak past 90 MB. So every `checkEveryBytes` the Buffers alive are counted, and above `maxArrayBuffers`
 * one full collection (a few ms on rig's ~10 MB heap) releases them.
 */
export function createGarbageBounder(everyBytes = 1024 * 1024, checkEveryBytes = 8 * 1024 * 1024, maxArrayBuffers = 8 * 1024 * 1024): (bytes: number) => void {
  let collect: ((options?: { type: 'minor' | 'major' }) => void) | undefined;
  try {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as typeof collect;
  } catch {
    collect = undefined;
  }
  let since = 0;
  let sinceCheck = 0;
  return (bytes) => {
    since += bytes;
    if (since < everyBytes || collect === undefined) return;
    sinceCheck += since;
    since = 0;
    if (sinceCheck >= checkEveryBytes) {
      sinceCheck = 0;
      if (process.memoryUsage().arrayBuffers > maxArrayBuffers) {
        collect({ type: 'major' });
        return;
      }
    }
    collect({ type: 'minor' });
  };
}
