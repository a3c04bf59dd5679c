// @max/rig-sdk/node — Node-only source bundling for deploys: walk + ignore rules + manifest, upload chunks, and
// the whole deploy flow as a stream of events.
// Kept behind its own subpath so the main entry stays free of filesystem code.

export { walkSourceTree, type WalkOptions } from './walk-source-tree.js';
export { summarizeBundle, type BundleSummary, type ExclusionGroup, type SummarizeOptions } from './summarize-bundle.js';
export { comparePaths, manifestDigest, serializeManifest } from './manifest-digest.js';
export {
  DEFAULT_COMPRESSION_LEVEL,
  DEFAULT_MAX_CHUNK_BYTES,
  createChunkStream,
  packBlobs,
  type BlobChunk,
  type ChunkBlob,
  type ChunkProgress,
  type ChunkStream,
  type ChunkStreamOptions,
  type PackOptions,
} from './pack-blobs.js';
export { deploy, runDeploy, type DeployClient, type DeployOptions } from './deploy.js';
export { createNodeHttpTransport, type NodeHttpTransport, type NodeHttpTransportOptions } from './node-http-transport.js';
export type { PackUpload } from './upload-missing-blobs.js';
export type { DeployEvent, DeployOutcome, DeployResult, UploadProgress } from './deploy-events.js';
export { MaxBundleError, type BundleErrorCode } from './bundle-error.js';
export type {
  BundleWarning,
  ExcludedEntry,
  ExclusionKind,
  ManifestEntry,
  ManifestFileEntry,
  ManifestMode,
  ManifestSymlinkEntry,
  SourceTree,
} from './types.js';
