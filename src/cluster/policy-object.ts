/**
 * A ClusterPolicy / Policy object from the API server through the same path as a policy file (schema,
 * normalisation, autogen). The cached object is never touched: conversion works on a trimmed copy.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { isRecord } from '../api/json.js';
import { parsePolicyDocument } from '../policy/parse.js';
import type { PolicyLoadResult } from '../policy/types.js';

export type ClusterPolicyKind = 'ClusterPolicy' | 'Policy';

/** `cluster:ClusterPolicy/NAME` or `cluster:Policy/NS/NAME`: the `file` of its errors and its `source`. */
export function objectLocation(kind: ClusterPolicyKind, obj: KubernetesObject): string {
  const name = obj.metadata?.name ?? '';
  return kind === 'Policy' ? `cluster:Policy/${obj.metadata?.namespace ?? ''}/${name}` : `cluster:ClusterPolicy/${name}`;
}

/**
 * What the policy's meaning depends on: not status, resourceVersion or managedFields (a status write must
 * not cause a reload). Labels and annotations stay: the autogen annotation changes the rules.
 */
export function policyContent(kind: ClusterPolicyKind, obj: KubernetesObject): Record<string, unknown> {
  const raw: unknown = obj;
  const spec = isRecord(raw) ? raw.spec : undefined;
  const m = obj.metadata;
  const metadata: Record<string, unknown> = { name: m?.name };
  if (m?.namespace !== undefined) metadata.namespace = m.namespace;
  if (m?.labels !== undefined) metadata.labels = m.labels;
  if (m?.annotations !== undefined) metadata.annotations = m.annotations;
  // Lists of custom resources carry apiVersion/kind; fill them in case a server omits them.
  return { apiVersion: obj.apiVersion ?? 'kyverno.io/v1', kind: obj.kind ?? kind, metadata, spec };
}

export function fingerprint(content: Record<string, unknown>): string {
  return JSON.stringify(content);
}

export function convertPolicyObject(kind: ClusterPolicyKind, obj: KubernetesObject): PolicyLoadResult {
  // A deep copy: normalisation writes defaults in place and must never reach the informer's cache.
  const copy = structuredClone(policyContent(kind, obj));
  return parsePolicyDocument(copy, objectLocation(kind, obj), 1);
}
