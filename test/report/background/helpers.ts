/** Shared fixtures of the background scanner tests: inline policies, Pods, a fake cache and a recording sink. */
import type { KubeObject } from '../../../src/api/kube.js';
import type { LoadedPolicy } from '../../../src/api/policy.js';
import type { ReportEntry, ReportResourceRef } from '../../../src/api/report.js';
import { EMPTY_SNAPSHOT } from '../../../src/api/snapshot.js';
import type { CacheChange, KindRef } from '../../../src/cluster/cache/index.js';
import { parsePolicies } from '../../../src/policy/index.js';

export const PODS: KindRef = { group: '', version: 'v1', resource: 'pods' };
export const CONFIGMAPS: KindRef = { group: '', version: 'v1', resource: 'configmaps' };

export function policiesFrom(yaml: string): LoadedPolicy[] {
  const { policies, errors } = parsePolicies(yaml, 'inline.yaml');
  if (errors.length > 0) throw new Error(JSON.stringify(errors));
  return policies;
}

/** A ClusterPolicy with one validate rule per entry of `rules` (YAML of the rule body under `- name: ...`). */
export function clusterPolicy(name: string, rules: string, spec = ''): string {
  return `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: ${name}
  annotations:
    policies.kyverno.io/category: Tests
    policies.kyverno.io/severity: medium
spec:
  validationFailureAction: Audit
${spec}  rules:
${rules}`;
}

/** A rule requiring label `app` on Pods (or `kinds`). */
export function requireLabelRule(name = 'require-app', kinds = ['Pod']): string {
  return `  - name: ${name}
    match:
      any:
      - resources:
          kinds: [${kinds.join(', ')}]
    validate:
      message: label app is required
      pattern:
        metadata:
          labels:
            app: "?*"
`;
}

export function pod(name: string, labels: Record<string, string> = {}, namespace = 'shop'): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, uid: `uid-${namespace}-${name}`, labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
}

export function configMap(name: string, labels: Record<string, string> = {}, namespace = 'shop'): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, uid: `uid-cm-${namespace}-${name}`, labels }, data: {} };
}

const key = (ref: KindRef): string => `${ref.group}/${ref.version}/${ref.resource}`;

export class FakeCache {
  readonly objects = new Map<string, KubeObject[]>();
  private readonly listeners = new Set<(change: CacheChange) => void>();
  readonly snapshot = EMPTY_SNAPSHOT;
  lists = 0;

  constructor(initial: [KindRef, KubeObject[]][] = []) {
    for (const [ref, list] of initial) this.objects.set(key(ref), [...list]);
  }

  list(ref: KindRef): readonly KubeObject[] {
    this.lists++;
    return [...(this.objects.get(key(ref)) ?? [])];
  }

  onChange(listener: (change: CacheChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies the change to the stored objects and tells the listeners. */
  emit(type: CacheChange['type'], ref: KindRef, object: KubeObject): void {
    const list = (this.objects.get(key(ref)) ?? []).filter((o) => o.metadata.uid !== object.metadata.uid);
    if (type !== 'DELETED') list.push(object);
    this.objects.set(key(ref), list);
    for (const l of this.listeners) l({ type, ref, object });
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}

export interface Recorded {
  resourceKey: string;
  policy: string;
  entries: readonly ReportEntry[];
}

/** Keeps what the writer would: the latest entries per (resource, policy), plus a log of calls. */
export class RecordingSink {
  readonly calls: Recorded[] = [];
  readonly forgotten: (string | ReportResourceRef)[] = [];
  readonly forgottenPolicies: string[] = [];
  readonly state = new Map<string, readonly ReportEntry[]>();

  record(resourceKey: string, policy: string, entries: readonly ReportEntry[]): void {
    this.calls.push({ resourceKey, policy, entries });
    if (entries.length === 0) this.state.delete(`${resourceKey} ${policy}`);
    else this.state.set(`${resourceKey} ${policy}`, entries);
  }

  forgetResource(resource: string | ReportResourceRef): void {
    this.forgotten.push(resource);
    const k = typeof resource === 'string' ? resource : (resource.uid ?? resource.name);
    for (const stateKey of [...this.state.keys()]) if (stateKey.startsWith(`${k} `)) this.state.delete(stateKey);
  }

  forgetPolicy(policy: string): void {
    this.forgottenPolicies.push(policy);
  }

  /** `resourceKey policy rule=result` lines of the current state, sorted. */
  summary(): string[] {
    return [...this.state.entries()].flatMap(([k, entries]) => entries.map((e) => `${k.split(' ')[0]} ${e.policy}/${e.rule}=${e.result}`)).sort();
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const fixedEnv = { now: () => Date.UTC(2026, 0, 2, 3, 4, 5, 600), random: () => 0.5 };
