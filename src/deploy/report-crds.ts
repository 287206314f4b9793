/**
 * The wgpolicyk8s.io/v1alpha2 PolicyReport and ClusterPolicyReport CRDs (the Policy WG's report format, read by
 * Policy Reporter and kubectl). The schema covers what Tollgate writes plus the standard fields other writers
 * (Kyverno, scanners) use, so installing it next to theirs never prunes their reports.
 */
import type { OpenApiSchema } from './crd-schema.js';
import type { CustomResourceDefinition } from './crds.js';

const PRESERVE = 'x-kubernetes-preserve-unknown-fields';

const objectReference: OpenApiSchema = {
  type: 'object',
  description: 'A reference to a Kubernetes object.',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    namespace: { type: 'string' },
    name: { type: 'string' },
    uid: { type: 'string' },
    resourceVersion: { type: 'string' },
    fieldPath: { type: 'string' },
  },
  'x-kubernetes-map-type': 'atomic',
};

const labelSelector: OpenApiSchema = { type: 'object', description: 'A label selector (matchLabels, matchExpressions).', [PRESERVE]: true };

const count = (what: string): OpenApiSchema => ({ type: 'integer', description: `Number of ${what} results.` });

const result: OpenApiSchema = {
  type: 'object',
  required: ['policy', 'result'],
  properties: {
    source: { type: 'string', description: 'The tool that produced the result (tollgate).' },
    policy: { type: 'string', description: 'The policy: a ClusterPolicy name or NAMESPACE/NAME of a Policy.' },
    rule: { type: 'string', description: 'The rule of the policy.' },
    category: { type: 'string', description: 'From the policy annotation policies.kyverno.io/category.' },
    severity: { type: 'string', enum: ['critical', 'high', 'low', 'medium', 'info'], description: 'From the policy annotation policies.kyverno.io/severity.' },
    timestamp: {
      type: 'object',
      description: 'When the result was produced.',
      required: ['seconds', 'nanos'],
      properties: { seconds: { type: 'integer', format: 'int64' }, nanos: { type: 'integer', format: 'int32' } },
    },
    result: { type: 'string', enum: ['pass', 'fail', 'warn', 'error', 'skip'] },
    scored: { type: 'boolean', description: 'Whether the result counts towards a score (policies.kyverno.io/scored).' },
    resources: { type: 'array', description: 'The checked resources.', items: objectReference },
    resourceSelector: labelSelector,
    message: { type: 'string' },
    properties: { type: 'object', description: 'Extra key/value data, e.g. process: admission review | background scan.', additionalProperties: { type: 'string' } },
  },
};

export function reportOpenApiSchema(kind: 'PolicyReport' | 'ClusterPolicyReport'): OpenApiSchema {
  return {
    type: 'object',
    description: `${kind}: policy results for ${kind === 'PolicyReport' ? 'the resources of a namespace' : 'cluster-scoped resources'} (wgpolicyk8s.io/v1alpha2).`,
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      scope: objectReference,
      scopeSelector: labelSelector,
      summary: {
        type: 'object',
        description: 'Result counts, matching the results.',
        properties: { pass: count('passed'), fail: count('failed'), warn: count('warning'), error: count('errored'), skip: count('skipped') },
      },
      results: { type: 'array', items: result },
    },
  };
}

const PRINTER_COLUMNS = [
  { name: 'KIND', type: 'string', jsonPath: '.scope.kind', priority: 1 },
  { name: 'NAME', type: 'string', jsonPath: '.scope.name', priority: 1 },
  { name: 'PASS', type: 'integer', jsonPath: '.summary.pass' },
  { name: 'FAIL', type: 'integer', jsonPath: '.summary.fail' },
  { name: 'WARN', type: 'integer', jsonPath: '.summary.warn' },
  { name: 'ERROR', type: 'integer', jsonPath: '.summary.error' },
  { name: 'SKIP', type: 'integer', jsonPath: '.summary.skip' },
  { name: 'AGE', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

function crd(kind: 'PolicyReport' | 'ClusterPolicyReport'): CustomResourceDefinition {
  const cluster = kind === 'ClusterPolicyReport';
  const plural = cluster ? 'clusterpolicyreports' : 'policyreports';
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.wgpolicyk8s.io`, labels: { 'app.kubernetes.io/name': 'tollgate', 'app.kubernetes.io/part-of': 'tollgate' } },
    spec: {
      group: 'wgpolicyk8s.io',
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase(), shortNames: [cluster ? 'cpolr' : 'polr'], categories: ['tollgate'] },
      scope: cluster ? 'Cluster' : 'Namespaced',
      versions: [
        {
          name: 'v1alpha2',
          served: true,
          storage: true,
          additionalPrinterColumns: PRINTER_COLUMNS.map((c) => ({ ...c })),
          schema: { openAPIV3Schema: reportOpenApiSchema(kind) },
        },
      ],
    },
  };
}

export function reportCrds(): { clusterPolicyReport: CustomResourceDefinition; policyReport: CustomResourceDefinition } {
  return { clusterPolicyReport: crd('ClusterPolicyReport'), policyReport: crd('PolicyReport') };
}
