import { describe, expect, it } from 'vitest';
import { newReport } from './report.js';
import { renderSummary } from './summary.js';

describe('renderSummary', () => {
  it('names the app, URL, release before → after, duration and the upload', () => {
    const report = {
      ...newReport(),
      command: 'deploy' as const,
      app: 'prod/web',
      url: 'https://web.prod.max.example',
      releaseBefore: 3,
      releaseAfter: 4,
      release: 4,
      deploymentId: 'dep_1',
      status: 'live',
      exitCode: 0,
      startedAt: 0,
      upload: { files: 12, bytes: 4096, uniqueBlobs: 10, uploadedBlobs: 1, uploadedBytes: 1024 },
    };
    const text = renderSummary(report, 125_000);
    expect(text).toContain('### ✅ rig deploy: prod/web — live');
    expect(text).toContain('| URL | https://web.prod.max.example |');
    expect(text).toContain('| Release | v3 → v4 |');
    expect(text).toContain('| Duration | 2m05s |');
    expect(text).toContain('| Files | 12 files, 4.0 KiB |');
    expect(text).toContain('| Uploaded | 1 blob, 1.0 KiB · skipped 9 blobs, 3.0 KiB (already on the platform) |');
  });

  it('on failure: the reason, the hint and the log tail in a fence the log cannot close', () => {
    const report = {
      ...newReport(),
      command: 'deploy' as const,
      app: 'prod/web',
      releaseBefore: 3,
      releaseAfter: 3,
      release: 4,
      status: 'rolled_back',
      exitCode: 12,
      failure: { reason: 'rolled_back', message: 'Deployment dep_1 failed <b>after</b> it went live.', hint: 'Fix | deploy', logTitle: 'Runtime log of prod/web', logTail: ['boom', '```', 'after'] },
    };
    const text = renderSummary(report, report.startedAt);
    expect(text).toContain('### ❌ rig deploy: prod/web — rolled_back');
    expect(text).toContain('| Release | v3 → v3 (this run made v4) |');
    expect(text).toContain('**Why:** Deployment dep_1 failed \\<b\\>after\\</b\\> it went live.');
    expect(text).toContain('**Next:** Fix \\| deploy');
    expect(text).toContain('Runtime log of prod/web (last 3 lines)');
    expect(text).toContain('````text\nboom\n```\nafter\n````');
  });
});
