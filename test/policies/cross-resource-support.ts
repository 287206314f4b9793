/** Helpers for the cross-resource policies: Ingress and PDB fixtures, validation through the real engine. */
import type { Operation } from '../../src/api/admission.js';
import type { KubeObject } from '../../src/api/kube.js';
import type { LoadedPolicy } from '../../src/api/policy.js';
import type { RuleResult } from '../../src/api/result.js';
import type { ClusterSnapshot } from '../../src/api/snapshot.js';
import { createFileSnapshot } from '../../src/cli/file-snapshot.js';
import { evaluate } from '../../src/engine/index.js';
import { admissionRequest, env } from './support.js';

/** An Ingress with one rule per host; `undefined` makes a rule without a host (a default-host rule). */
export function ingress(namespace: string, name: string, hosts: readonly (string | undefined)[]): KubeObject {
  const backend = { service: { name: 'web', port: { number: 80 } } };
  const rules = hosts.map((host) => ({ ...(host === undefined ? {} : { host }), http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }));
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace }, spec: { rules } } as KubeObject;
}

export const namespaceWith = (name: string, annotations?: Record<string, string>): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(annotations ? { annotations } : {}) } }) as KubeObject;

/** The one rule result of the one policy, or undefined when the policy produced none (not matched, nothing applied). */
export function ruleOutcome(policies: readonly LoadedPolicy[], object: KubeObject, cluster: ClusterSnapshot | readonly KubeObject[], operation: Operation = 'CREATE', oldObject?: KubeObject): RuleResult | undefined {
  const snapshot = Array.isArray(cluster) ? createFileSnapshot(cluster) : (cluster as ClusterSnapshot);
  const result = evaluate({ request: admissionRequest(object, operation, oldObject), policies, snapshot, env });
  expect(result.policies.length).toBeLessThanOrEqual(1);
  const rules = result.policies[0]?.rules ?? [];
  expect(rules.length).toBeLessThanOrEqual(1);
  return rules[0];
}
