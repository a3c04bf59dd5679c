import * as core from '@actions/core';
import * as github from '@actions/github';

/** Where a preview's comment goes, and who may write it. */
export interface CommentTarget {
  readonly owner: string;
  readonly repo: string;
  readonly issueNumber: number;
  readonly token: string;
  /** The REST API base (GITHUB_API_URL: api.github.com, a GHES host, or a test's loopback fake). */
  readonly apiUrl: string;
}

/** The hidden marker that makes the comment of one preview app findable again. */
export const commentMarker = (app: string): string => `<!-- rig-action:preview ${app} -->`;

/**
 * Creates the pull request's one comment about this preview, or updates it when a marked comment exists, so
 * re-runs never pile up comments. Returns the comment id.
 */
export async function upsertPreviewComment(target: CommentTarget, app: string, body: string): Promise<number> {
  const octokit = github.getOctokit(target.token, { baseUrl: target.apiUrl });
  const marker = commentMarker(app);
  const full = `${marker}\n${body}`;
  const params = { owner: target.owner, repo: target.repo, issue_number: target.issueNumber, per_page: 100 };
  const comments = await octokit.paginate(octokit.rest.issues.listComments, params);
  const existing = comments.find((c) => typeof c.body === 'string' && c.body.includes(marker));
  if (existing !== undefined) {
    await octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: existing.id, body: full });
    core.info(`Updated the preview comment on #${target.issueNumber}.`);
    return existing.id;
  }
  const created = await octokit.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.issueNumber, body: full });
  core.info(`Commented the preview URL on #${target.issueNumber}.`);
  return created.data.id;
}
