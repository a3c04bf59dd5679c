/**
 * `root` + `/` + a relative path. Paths built by the walk (and so manifest paths) are already normalised
 * (relative, `/`-separated, no `.` or `..` segments) and the root is absolute, so `path.join`'s normalising pass
 * has nothing to do — and it leaves a few hundred bytes of garbage per call, megabytes for a tree of thousands of
 * files, walked and then packed. (Windows accepts `/` inside paths.)
 */
export function joinRoot(root: string, path: string): string {
  return root.endsWith('/') || root.endsWith('\\') ? root + path : `${root}/${path}`;
}
