/**
 * The kind strings of `match.resources.kinds`: `Pod`, `v1/Pod`, `apps/v1/Deployment`, `Pod/exec`, `Pod.status`,
 * `*`, `* /scale` (no space), `networking.k8s.io/<any>/Ingress`, `tekton.dev/v1beta1/TaskRun/status`.
 */
export interface KindSelector {
  group: string;
  version: string;
  kind: string;
  subresource: string;
}

const VERSION = /^(v\d+((alpha|beta)\d+)?|\*)$/;

/**
 * Missing group / version become `*`. The last segment may carry the subresource after a dot.
 * Returns undefined for strings with more than four segments, which name nothing.
 */
export function parseKindSelector(input: string): KindSelector | undefined {
  const slashParts = input.split('/');
  const last = slashParts.pop() ?? '';
  const parts = [...slashParts, ...last.split('.')];
  const sel = (group: string, version: string, kind: string, subresource: string): KindSelector => ({ group, version, kind, subresource });
  switch (parts.length) {
    case 1:
      return sel('*', '*', parts[0], '');
    case 2: {
      const [a, b] = parts;
      if (a === '*' && b === '*') return sel('*', '*', '*', '*');
      // `*` then a lower-case part: a subresource of any kind (`scale`)
      if (a === '*' && b.toLowerCase() === b) return sel('*', '*', '*', b);
      if (VERSION.test(a)) return sel('*', a, b, '');
      return sel('*', '*', a, b);
    }
    case 3: {
      const [a, b, c] = parts;
      if (VERSION.test(a)) return sel('*', a, b, c);
      return sel(a, b, c, '');
    }
    case 4:
      return sel(parts[0], parts[1], parts[2], parts[3]);
    default:
      return undefined;
  }
}

/** True when the kind segment is a wildcard pattern (`*`, `*Role`, `Pod?`). */
export function isWildcardKind(kind: string): boolean {
  return kind.includes('*') || kind.includes('?');
}
