/** Running the shipped generate policies through the real engine, with a file-backed cluster. */
import type { KubeObject } from '../../src/api/kube.js';
import type { LoadedPolicy } from '../../src/api/policy.js';
import { createFileSnapshot } from '../../src/cli/file-snapshot.js';
import { generate, type GenerateResult } from '../../src/engine/index.js';
import { admissionRequest, env } from './support.js';

export function generateWith(policies: readonly LoadedPolicy[], object: KubeObject, cluster: readonly KubeObject[] = [], operation: 'CREATE' | 'UPDATE' | 'DELETE' = 'CREATE'): GenerateResult {
  const request = operation === 'DELETE' ? { ...admissionRequest(object, 'DELETE'), object: undefined, oldObject: object } : admissionRequest(object, operation, operation === 'UPDATE' ? object : undefined);
  return generate({ request, policies, snapshot: createFileSnapshot(cluster), env });
}

/** The ownership labels every generated object must carry for a Namespace trigger. */
export function ownedBy(policy: string, rule: string, namespace: string): Record<string, string> {
  return {
    'app.kubernetes.io/managed-by': 'tollgate',
    'generate.tollgate.io/policy-name': policy,
    'generate.tollgate.io/policy-namespace': '',
    'generate.tollgate.io/rule-name': rule,
    'generate.tollgate.io/trigger-apiversion': 'v1',
    'generate.tollgate.io/trigger-kind': 'Namespace',
    'generate.tollgate.io/trigger-namespace': '',
    'generate.tollgate.io/trigger-name': namespace,
    'generate.tollgate.io/trigger-uid': '',
  };
}

export const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'];
