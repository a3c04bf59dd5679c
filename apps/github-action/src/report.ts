import type { Command } from './inputs.js';

/** What one run of the Action did: the outputs, the job summary and the final error are all made from it. */
export interface Report {
  command: Command | undefined;
  /** `network/app` the run worked on (the preview app for previews). */
  app: string | undefined;
  url: string | undefined;
  releaseBefore: number | null;
  releaseAfter: number | null;
  /** The release this run made (outputs.release), even when it did not stay live. */
  release: number | null;
  deploymentId: string | undefined;
  status: string;
  exitCode: number;
  startedAt: number;
  upload: { files: number; bytes: number; uniqueBlobs: number; uploadedBlobs: number; uploadedBytes: number } | undefined;
  /** Lines for the summary beyond the table (e.g. "Copied 3 vars and 2 secrets from prod/web"). */
  notes: string[];
  /** A code block for the summary (a config plan). */
  detail: { title: string; text: string } | undefined;
  failure: { reason: string; message: string; hint?: string | undefined; logTitle?: string; logTail: string[] } | undefined;
}

export function newReport(): Report {
  return {
    command: undefined,
    app: undefined,
    url: undefined,
    releaseBefore: null,
    releaseAfter: null,
    release: null,
    deploymentId: undefined,
    status: 'failed',
    exitCode: 1,
    startedAt: Date.now(),
    upload: undefined,
    notes: [],
    detail: undefined,
    failure: undefined,
  };
}
