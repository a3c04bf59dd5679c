/**
 * The SDK's version, sent in `User-Agent` (a test keeps it equal to package.json).
 *
 * @example
 * ```ts
 * console.log(`rig-sdk ${SDK_VERSION}`);
 * ```
 */
export const SDK_VERSION = '0.1.0';
