/** Helpers for the tests of the shipped policies: the real files, the real engine, a file-backed cluster. */
import type { AdmissionRequest, Operation } from '../../src/api/admission.js';
import type { EngineEnv } from '../../src/api/env.js';
import type { KubeObject } from '../../src/api/kube.js';
import type { LoadedPolicy } from '../../src/api/policy.js';
import { createFileSnapshot } from '../../src/cli/file-snapshot.js';
import { mutate, type MutationResult } from '../../src/engine/index.js';
import { loadPolicyFiles } from '../../src/policy/index.js';

export const env: EngineEnv = { now: () => Date.UTC(2026, 10, 23), random: () => 0.5 };

export async function shipped(file: string): Promise<LoadedPolicy[]> {
  const { policies, errors } = await loadPolicyFiles([`policies/${file}`]);
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  return policies;
}

export const namespace = (name: string, labels: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

export function admissionRequest(object: KubeObject, operation: Operation = 'CREATE', oldObject?: KubeObject): AdmissionRequest {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  return {
    uid: 'test-uid',
    kind: { group, version, kind: object.kind },
    resource: { group, version, resource: `${object.kind.toLowerCase()}s` },
    namespace: object.metadata.namespace,
    name: object.metadata.name,
    operation,
    userInfo: { username: 'system:serviceaccount:kube-system:replicaset-controller' },
    object,
    ...(oldObject ? { oldObject } : {}),
  };
}

export function mutateWith(policies: readonly LoadedPolicy[], object: KubeObject, cluster: readonly KubeObject[] = [], operation: Operation = 'CREATE', oldObject?: KubeObject): MutationResult {
  return mutate({ request: admissionRequest(object, operation, oldObject), policies, snapshot: createFileSnapshot(cluster), env });
}
