/**
 * `cloneSourceResource`: a file holding the object a generate rule clones. As in `kyverno test`, the objects of
 * these files are what the (otherwise absent) cluster serves: GETs and lists of their kinds are answered from
 * them; every other lookup stays with the base snapshot.
 */
import { splitApiVersion, type KubeObject } from '../../api/kube.js';
import { kindToResource } from '../../api/kube-names.js';
import type { ClusterSnapshot } from '../../api/snapshot.js';
import { parseApiPath } from '../api-path.js';
import { createFileSnapshot } from '../file-snapshot.js';

export function withCloneSources(base: ClusterSnapshot, sources: readonly KubeObject[]): ClusterSnapshot {
  if (sources.length === 0) return base;
  const files = createFileSnapshot(sources);
  const served = new Set(sources.map((o) => `${splitApiVersion(o.apiVersion).group}/${kindToResource(o.kind)}`));
  return {
    namespace: (name) => base.namespace(name),
    configMap: (namespace, name) => base.configMap(namespace, name),
    apiGet: (urlPath) => {
      const parsed = parseApiPath(urlPath);
      return parsed.ok && served.has(`${parsed.value.group}/${parsed.value.resource}`) ? files.apiGet(urlPath) : base.apiGet(urlPath);
    },
  };
}
