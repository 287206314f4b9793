/** pod-security-admission versions: `latest` or `v1.<minor>`. */

/** Newest Kubernetes minor whose Pod Security Standards are implemented (procMount_restricted and user-namespace relaxations). */
export const LATEST_MINOR = 35;

export type PssVersion = { latest: true } | { latest: false; minor: number };

export type VersionResult = { ok: true; version: PssVersion } | { ok: false; message: string };

const VERSION_RE = /^v1\.(0|[1-9][0-9]*)$/;

/** Empty means latest; naming the newest implemented version explicitly is the same as `latest`, as in Kyverno. */
export function parsePssVersion(raw: string | undefined): VersionResult {
  if (raw === undefined || raw === '' || raw === 'latest') return { ok: true, version: { latest: true } };
  const m = VERSION_RE.exec(raw);
  if (!m) return { ok: false, message: `failed to parse pod security api version ${JSON.stringify(raw)}: must be "latest" or "v1.x"` };
  const minor = Number(m[1]);
  return { ok: true, version: minor === LATEST_MINOR ? { latest: true } : { latest: false, minor } };
}
