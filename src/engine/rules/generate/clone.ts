/**
 * `generate.clone` and `generate.cloneList`: the source objects are read through the snapshot's `apiGet` (a GET
 * of one object, or a list with a labelSelector). A missing source is an error, as in Kyverno; cloning an object
 * onto itself (same namespace and name, or a cloneList into its own source namespace) is passed over.
 */
import { isRecord } from '../../../api/json.js';
import { splitApiVersion, type KubeObject, type LabelSelector } from '../../../api/kube.js';
import { kindToResource } from '../../../api/kube-names.js';
import type { ClusterSnapshot } from '../../../api/snapshot.js';
import { objectFromClone } from './build.js';
import type { Ownership } from './labels.js';
import type { PatternOutcome, Produced } from './scope.js';
import { defaultApiVersion, namespaceViolation, targetNamespace, textOf, type Target } from './target.js';

export interface CloneDeps {
  snapshot: ClusterSnapshot;
  owner: Ownership;
  policyNamespace?: string;
}

/** The REST path of an object or a list: `/api/v1/namespaces/ns/secrets/name`, `/apis/apps/v1/deployments?labelSelector=...`. */
export function apiPathOf(apiVersion: string, kind: string, namespace?: string, name?: string, labelSelector?: string): string {
  const { group, version } = splitApiVersion(apiVersion);
  let path = group ? `/apis/${group}/${version}` : `/api/${version}`;
  if (namespace) path += `/namespaces/${encodeURIComponent(namespace)}`;
  path += `/${kindToResource(kind)}`;
  if (name) path += `/${encodeURIComponent(name)}`;
  if (labelSelector) path += `?labelSelector=${encodeURIComponent(labelSelector)}`;
  return path;
}

/** metav1.LabelSelector in the API's query form: `app=web,tier in (a,b),!legacy`. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  if (!selector) return '';
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const req of selector.matchExpressions ?? []) {
    const values = (req.values ?? []).join(',');
    if (req.operator === 'In') parts.push(`${req.key} in (${values})`);
    else if (req.operator === 'NotIn') parts.push(`${req.key} notin (${values})`);
    else if (req.operator === 'Exists') parts.push(req.key);
    else parts.push(`!${req.key}`);
  }
  return parts.join(',');
}

/** An object as the API answered it; list items often leave out apiVersion and kind, which the list implies. */
function asObject(value: unknown, apiVersion: string, kind: string): KubeObject | undefined {
  if (!isRecord(value) || !isRecord(value.metadata)) return undefined;
  return {
    ...value,
    apiVersion: typeof value.apiVersion === 'string' && value.apiVersion !== '' ? value.apiVersion : apiVersion,
    kind: typeof value.kind === 'string' && value.kind !== '' ? value.kind : kind,
    metadata: value.metadata,
  };
}

const describe = (kind: string, namespace: string | undefined, name: string): string => `${kind} ${namespace ? `${namespace}/` : ''}${name}`;

export function cloneOne(clone: Record<string, unknown>, target: Target, deps: CloneDeps): PatternOutcome {
  const name = textOf(clone.name) ?? '';
  const namespace = textOf(clone.namespace) || undefined;
  const outside = namespaceViolation('generate.clone', namespace, deps.policyNamespace);
  if (outside) return { ok: false, message: outside };
  if ((namespace ?? '') === (target.namespace ?? '') && name === target.name) {
    return { ok: true, produced: [], notes: [`skipped cloning ${describe(target.kind, namespace, name)} onto itself`] };
  }
  const got = deps.snapshot.apiGet(apiPathOf(target.apiVersion, target.kind, namespace, name));
  const source = describe(target.kind, namespace, name);
  if (!got.found) return { ok: false, message: `source resource ${source} not found${got.message ? `: ${got.message}` : ''}` };
  const object = asObject(got.value, target.apiVersion, target.kind);
  if (!object) return { ok: false, message: `source resource ${source}: the API answered something that is not an object` };
  return { ok: true, produced: [clonedFrom(object, target, deps)], notes: [] };
}

function clonedFrom(source: KubeObject, target: Target, deps: CloneDeps): Produced {
  const object = objectFromClone(source, target, deps.owner);
  const ref = { apiVersion: source.apiVersion, kind: source.kind, name: source.metadata.name ?? '' };
  return { object, cloneSource: source.metadata.namespace ? { ...ref, namespace: source.metadata.namespace } : ref };
}

/** `v1/Secret` -> v1 Secret; `apps/v1/Deployment` -> apps/v1 Deployment; a bare kind takes its preferred version. */
export function parseCloneKind(text: string): { apiVersion: string; kind: string } | undefined {
  const slash = text.lastIndexOf('/');
  const kind = slash < 0 ? text : text.slice(slash + 1);
  const apiVersion = slash < 0 ? defaultApiVersion(kind) : text.slice(0, slash);
  return kind && apiVersion ? { apiVersion, kind } : undefined;
}

export function cloneList(list: Record<string, unknown>, namespace: string | undefined, deps: CloneDeps): PatternOutcome {
  const kinds = Array.isArray(list.kinds) ? list.kinds.map(textOf) : [];
  const sourceNamespace = textOf(list.namespace) || undefined;
  const outside = namespaceViolation('generate.cloneList', sourceNamespace, deps.policyNamespace);
  if (outside) return { ok: false, message: outside };
  const selector = formatLabelSelector(isRecord(list.selector) ? (list.selector as LabelSelector) : undefined);
  const produced: Produced[] = [];
  const notes: string[] = [];
  for (const text of kinds) {
    const parsed = text === undefined ? undefined : parseCloneKind(text);
    if (!parsed) return { ok: false, message: `generate.cloneList.kinds: cannot resolve kind "${text ?? ''}"` };
    const placed = targetNamespace(parsed.apiVersion, parsed.kind, namespace, deps.policyNamespace);
    if (!placed.ok) return placed;
    const path = apiPathOf(parsed.apiVersion, parsed.kind, sourceNamespace, undefined, selector);
    const got = deps.snapshot.apiGet(path);
    if (!got.found) {
      return { ok: false, message: `failed to list source resources for cloneList ${parsed.apiVersion} ${parsed.kind} in ${sourceNamespace ?? 'all namespaces'}${got.message ? `: ${got.message}` : ''}` };
    }
    const items = isRecord(got.value) && Array.isArray(got.value.items) ? got.value.items : [];
    for (const raw of items) {
      const item = asObject(raw, parsed.apiVersion, parsed.kind);
      if (!item?.metadata.name) continue;
      if ((item.metadata.namespace ?? '') === (placed.namespace ?? '')) {
        notes.push(`skipped cloning ${describe(item.kind, item.metadata.namespace, item.metadata.name)} into its own namespace`);
        continue;
      }
      const target: Target = { apiVersion: item.apiVersion, kind: item.kind, name: item.metadata.name };
      if (placed.namespace !== undefined) target.namespace = placed.namespace;
      produced.push(clonedFrom(item, target, deps));
    }
  }
  if (produced.length === 0 && notes.length === 0) notes.push('no source resources matched generate.cloneList');
  return { ok: true, produced, notes };
}
