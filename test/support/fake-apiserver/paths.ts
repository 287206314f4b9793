/** Kubernetes REST paths: `/api/v1/...` (core) and `/apis/GROUP/VERSION/...`, optionally under `namespaces/NS/`. */

export type ParsedPath =
  | { type: 'resource'; group: string; version: string; resource: string; namespace?: string; name?: string; subresource?: string }
  | { type: 'discovery-root'; core: boolean }
  | { type: 'discovery-group-version'; group: string; version: string }
  | { type: 'unknown' };

function decoded(segments: string[]): string[] {
  return segments.map((s) => decodeURIComponent(s));
}

export function parsePath(pathname: string): ParsedPath {
  const parts = decoded(pathname.split('/').filter((s) => s !== ''));
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length === 1) return { type: 'discovery-root', core: true };
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    if (parts.length === 1) return { type: 'discovery-root', core: false };
    if (parts.length === 2) return { type: 'unknown' };
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return { type: 'unknown' };
  }
  if (rest.length === 0) return { type: 'discovery-group-version', group, version };
  // `namespaces/NS/RESOURCE...` scopes a namespaced resource; `namespaces/NAME[/status]` is the Namespace itself.
  const namespaceItself = rest.length <= 2 || (rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'));
  if (rest[0] === 'namespaces' && !namespaceItself) {
    if (rest.length > 5) return { type: 'unknown' };
    return withOptional({ type: 'resource', group, version, resource: rest[2], namespace: rest[1] }, rest[3], rest[4]);
  }
  if (rest.length > 3) return { type: 'unknown' };
  return withOptional({ type: 'resource', group, version, resource: rest[0] }, rest[1], rest[2]);
}

function withOptional(
  base: { type: 'resource'; group: string; version: string; resource: string; namespace?: string },
  name: string | undefined,
  subresource: string | undefined,
): ParsedPath {
  return { ...base, ...(name !== undefined ? { name } : {}), ...(subresource !== undefined ? { subresource } : {}) };
}
