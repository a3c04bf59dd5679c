import { MaxAppRefError, parseAppRef as parseSdkAppRef, type AppRef } from '@max/rig-sdk';
import { UsageError } from './errors/cli-error.js';

export type { AppRef };

/**
 * Reads an app reference: `<network>/<app>`, or `<app>` with `--network <network>` (ARCHITECTURE.md §3). The SDK
 * reads the shape; a bad one is a usage error here (exit 2). Whether the names are valid is for the platform (exit 6).
 */
export function parseAppRef(ref: string, networkFlag: string | undefined): AppRef {
  try {
    return parseSdkAppRef(ref, networkFlag);
  } catch (error) {
    if (error instanceof MaxAppRefError) throw new UsageError(error.message, error.hint);
    throw error;
  }
}
