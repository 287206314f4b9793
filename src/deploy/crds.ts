/**
 * The CustomResourceDefinitions of kyverno.io ClusterPolicy and Policy (v1, served and stored) with the full
 * structural schema generated from our policy JSON Schema, short names, printer columns and a status
 * subresource whose `Ready` condition Tollgate sets.
 */
import { policySchema } from '../policy/schema/index.js';
import { type OpenApiSchema, toStructural } from './crd-schema.js';
import { POLICY_DESCRIPTIONS } from './descriptions.js';

export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; labels: Record<string, string> };
  spec: {
    group: string;
    names: { kind: string; listKind: string; plural: string; singular: string; shortNames: string[]; categories: string[] };
    scope: 'Cluster' | 'Namespaced';
    versions: {
      name: string;
      served: boolean;
      storage: boolean;
      subresources?: { status: Record<string, never> };
      additionalPrinterColumns: { name: string; type: string; jsonPath: string; description?: string; priority?: number }[];
      schema: { openAPIV3Schema: OpenApiSchema };
    }[];
  };
}

const condition: OpenApiSchema = {
  type: 'object',
  required: ['type', 'status'],
  properties: {
    type: { type: 'string', description: 'Condition type, e.g. Ready.' },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    reason: { type: 'string' },
    message: { type: 'string' },
    observedGeneration: { type: 'integer', format: 'int64' },
    lastTransitionTime: { type: 'string', format: 'date-time' },
  },
};

const status: OpenApiSchema = {
  type: 'object',
  description: POLICY_DESCRIPTIONS.status,
  properties: {
    ready: { type: 'boolean', description: 'Deprecated mirror of the Ready condition, kept for Kyverno tooling.' },
    conditions: { type: 'array', description: POLICY_DESCRIPTIONS['status.conditions'], items: condition, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'] },
  },
  // Kyverno tools write further fields (rule counts, autogen); keep them instead of pruning.
  'x-kubernetes-preserve-unknown-fields': true,
};

/** The openAPIV3Schema of both kinds (they share the spec). */
export function policyOpenApiSchema(): OpenApiSchema {
  const source = policySchema('kyverno.io/v1') as { properties: { spec: Record<string, unknown> } };
  return {
    type: 'object',
    description: 'A Kyverno policy (kyverno.io/v1), evaluated by Tollgate.',
    required: ['spec'],
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      // The API server allows only name/generateName constraints on metadata; it validates the rest itself.
      metadata: { type: 'object' },
      spec: toStructural(source.properties.spec, POLICY_DESCRIPTIONS, 'spec'),
      status,
    },
  };
}

const PRINTER_COLUMNS = [
  { name: 'ACTION', type: 'string', jsonPath: '.spec.validationFailureAction' },
  { name: 'BACKGROUND', type: 'boolean', jsonPath: '.spec.background' },
  { name: 'READY', type: 'string', jsonPath: '.status.conditions[?(@.type == "Ready")].status' },
  { name: 'AGE', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

function crd(kind: 'ClusterPolicy' | 'Policy'): CustomResourceDefinition {
  const cluster = kind === 'ClusterPolicy';
  const plural = cluster ? 'clusterpolicies' : 'policies';
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.kyverno.io`, labels: { 'app.kubernetes.io/name': 'tollgate', 'app.kubernetes.io/part-of': 'tollgate' } },
    spec: {
      group: 'kyverno.io',
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase(), shortNames: [cluster ? 'cpol' : 'pol'], categories: ['kyverno', 'tollgate'] },
      scope: cluster ? 'Cluster' : 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: PRINTER_COLUMNS.map((c) => ({ ...c })),
          schema: { openAPIV3Schema: policyOpenApiSchema() },
        },
      ],
    },
  };
}

export function policyCrds(): { clusterPolicy: CustomResourceDefinition; policy: CustomResourceDefinition } {
  return { clusterPolicy: crd('ClusterPolicy'), policy: crd('Policy') };
}
