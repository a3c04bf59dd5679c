import type { Platform } from '../platform.js';

/** What route modules are built from. */
export interface RouteDeps {
  platform: Platform;
  /** The server's own origin, e.g. `http://127.0.0.1:4000` (known once it listens). */
  baseUrl(): string;
}
