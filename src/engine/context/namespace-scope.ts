/**
 * What a namespaced Policy may read through its context entries: only its own namespace (Kyverno's fix for
 * CVE-2026-22039 and CVE-2026-41068). Without this, anyone allowed to create a Policy in one namespace could
 * read any namespace through Tollgate's own identity, and leak it in a denial message. ClusterPolicies
 * (no policy namespace) are not restricted.
 */

/**
 * Undefined when `urlPath` stays inside `policyNamespace`: `/api/v1/namespaces/<ns>/...` or
 * `/apis/<group>/<version>/namespaces/<ns>/...`. Cluster-scoped paths, other namespaces, and paths that could
 * step out of their namespace (`..`, `.`, empty or percent-encoded segments) are refused.
 */
export function urlPathOutsideNamespace(urlPath: string, policyNamespace: string): string | undefined {
  const segments = urlPath.split('?')[0].replace(/\/$/, '').split('/');
  const unsafe = (s: string): boolean => s === '' || s === '.' || s === '..' || s.includes('%') || s.includes('\\');
  const at = segments[1] === 'api' ? 3 : segments[1] === 'apis' ? 4 : -1;
  if (segments[0] !== '' || segments.slice(1).some(unsafe) || at < 0 || segments[at] !== 'namespaces' || segments[at + 1] !== policyNamespace) {
    return `a namespaced Policy may only call the API in its own namespace "${policyNamespace}"; got urlPath ${JSON.stringify(urlPath)}`;
  }
  return undefined;
}

/** Undefined when a configMap entry reads from the policy's own namespace. */
export function configMapOutsideNamespace(namespace: string, policyNamespace: string): string | undefined {
  return namespace === policyNamespace ? undefined : `a namespaced Policy may only read ConfigMaps in its own namespace "${policyNamespace}"; got namespace "${namespace}"`;
}
