/**
 * Conditions as they appear in the kyverno/policies samples (/work/shared/conformance/kyverno-policies),
 * with `{{ }}` already replaced by what Kyverno would substitute for the case's resources and values.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { isRecord } from '../../../src/api/json.js';
import type { Condition, Conditions } from '../../../src/api/policy.js';
import { evaluateConditions, resolveOperator } from '../../../src/engine/conditions/index.js';

type Row = [source: string, conditions: Conditions, passed: boolean];

const rows: Row[] = [
  // best-practices: skip DELETE requests (background scans substitute BACKGROUND)
  ['request.operation NotEquals DELETE (CREATE)', { all: [{ key: 'CREATE', operator: 'NotEquals', value: 'DELETE' }] }, true],
  ['request.operation NotEquals DELETE (BACKGROUND)', { all: [{ key: 'BACKGROUND', operator: 'NotEquals', value: 'DELETE' }] }, true],
  ['request.operation NotEquals DELETE (DELETE)', { all: [{ key: 'DELETE', operator: 'NotEquals', value: 'DELETE' }] }, false],
  ['request.operation AnyIn [CREATE, UPDATE]', { all: [{ key: 'UPDATE', operator: 'AnyIn', value: ['CREATE', 'UPDATE'] }] }, true],
  ['request.operation AnyIn [CREATE, UPDATE] (BACKGROUND)', { all: [{ key: 'BACKGROUND', operator: 'AnyIn', value: ['CREATE', 'UPDATE'] }] }, false],
  // other/exclude-namespaces-dynamically: ConfigMap data holding a JSON list
  ['namespace AnyNotIn ConfigMap JSON list (listed)', { all: [{ key: 'default', operator: 'AnyNotIn', value: '["default", "test"]' }] }, false],
  ['namespace AnyNotIn ConfigMap JSON list (not listed)', { all: [{ key: 'staging', operator: 'AnyNotIn', value: '["default", "test"]' }] }, true],
  // other/restrict-service-account: image AnyNotIn a JSON list from a ConfigMap
  [
    'registry/name AnyNotIn saMap (allowed)',
    { any: [{ key: 'docker.io/busybox', operator: 'AnyNotIn', value: '["docker.io/busybox","docker.io/busybox:1.28"]' }] },
    false,
  ],
  [
    'registry/name AnyNotIn saMap (not allowed)',
    { any: [{ key: 'docker.io/nginx', operator: 'AnyNotIn', value: '["docker.io/busybox","docker.io/busybox:1.28"]' }] },
    true,
  ],
  // other/check-nvidia-gpu: wildcard key against a plain string value, number against a quantity string
  [
    'NVIDIA_VISIBLE_DEVICES=*? AnyNotIn Env, gpu limit GreaterThan 0',
    {
      all: [
        { key: 'NVIDIA_VISIBLE_DEVICES=*?', operator: 'AnyNotIn', value: 'all' },
        { key: 1, operator: 'GreaterThan', value: 0 },
      ],
    },
    true,
  ],
  ['gpu limit missing ("" GreaterThan 0)', { all: [{ key: '', operator: 'GreaterThan', value: 0 }] }, false],
  [
    'Env list contains the NVIDIA variable',
    { all: [{ key: 'NVIDIA_VISIBLE_DEVICES=*?', operator: 'AnyNotIn', value: ['PATH=/usr/bin', 'NVIDIA_VISIBLE_DEVICES=all'] }] },
    false,
  ],
  // other/block-stale-images: time_since(...) yields a Go duration string
  ['image age GreaterThan 4380h (stale)', { all: [{ key: '8760h0m0s', operator: 'GreaterThan', value: '4380h' }] }, true],
  ['image age GreaterThan 4380h (fresh)', { all: [{ key: '12h30m5.5s', operator: 'GreaterThan', value: '4380h' }] }, false],
  // cert-manager/limit-dnsnames: length(@) is a number, the value a numeric string
  ['dnsNames length GreaterThan "1" (2 names)', { all: [{ key: 2, operator: 'GreaterThan', value: '1' }] }, true],
  ['dnsNames length GreaterThan "1" (1 name)', { all: [{ key: 1, operator: 'GreaterThan', value: '1' }] }, false],
  // other/enforce-resources-as-ratio: divide() yields a float
  ['limits/requests ratio GreaterThan 2.5', { any: [{ key: 4, operator: 'GreaterThan', value: 2.5 }] }, true],
  ['limits/requests ratio GreaterThan 2.5 (equal)', { any: [{ key: 2.5, operator: 'GreaterThan', value: 2.5 }] }, false],
  // other/pdb-minavailable: replicas (default `1`) GreaterThan 0
  ['replicas GreaterThan 0', { all: [{ key: 3, operator: 'GreaterThan', value: 0 }] }, true],
  // other/ensure-probes-different: probe names AllNotIn element.keys(@)
  [
    'probes AllNotIn container keys (none defined)',
    {
      all: [
        { key: 'livenessProbe', operator: 'AllNotIn', value: ['name', 'image'] },
        { key: 'startupProbe', operator: 'AllNotIn', value: ['name', 'image'] },
        { key: 'readinessProbe', operator: 'AllNotIn', value: ['name', 'image'] },
      ],
    },
    true,
  ],
  [
    'probes AllNotIn container keys (liveness defined)',
    { all: [{ key: 'livenessProbe', operator: 'AllNotIn', value: ['name', 'image', 'livenessProbe'] }] },
    false,
  ],
  // other/ingress-host-match-tls: sorted host lists
  ['rule hosts AnyNotIn tls hosts (covered)', { all: [{ key: ['a.example.com', 'b.example.com'], operator: 'AnyNotIn', value: ['a.example.com', 'b.example.com'] }] }, false],
  ['rule hosts AnyNotIn tls hosts (uncovered)', { all: [{ key: ['a.example.com', 'c.example.com'], operator: 'AnyNotIn', value: ['a.example.com', 'b.example.com'] }] }, true],
  // restrict-volume-types: volume keys AnyNotIn an allow list; '' when there are no volumes
  ['volume types AnyNotIn allow list (hostPath)', { all: [{ key: ['name', 'hostPath'], operator: 'AnyNotIn', value: ['name', 'configMap', 'csi'] }] }, true],
  ['volume types AnyNotIn allow list (no volumes)', { all: [{ key: '', operator: 'AnyNotIn', value: ['name', 'configMap', 'csi'] }] }, true],
  // contains(element, '*') yields a boolean compared with a YAML boolean
  ['contains(...) Equals true', { any: [{ key: true, operator: 'Equals', value: true }] }, true],
  ['contains(...) Equals false', { any: [{ key: true, operator: 'Equals', value: false }] }, false],
  // semver image tags (other/ensure-production-matches-staging)
  ['tag GreaterThan staging tag', { any: [{ key: '1.2.10', operator: 'GreaterThan', value: '1.2.9' }] }, true],
  ['tag GreaterThan staging tag (older)', { any: [{ key: '1.2.3', operator: 'GreaterThan', value: '1.10.0' }] }, false],
  // kasten: the count of matching policies LessThan 1
  ['policies_count LessThan 1', { any: [{ key: 0, operator: 'LessThan', value: 1 }] }, true],
];

describe('conditions from the kyverno/policies samples', () => {
  it.each(rows)('%s', (_source, conditions, passed) => {
    expect(evaluateConditions(conditions)).toMatchObject({ kind: 'ok', passed });
  });
});

const CORPUS = '/work/shared/conformance/kyverno-policies';

/** Every condition list under preconditions or deny.conditions in a policy document. */
function collectConditions(node: unknown, parentKey: string, out: unknown[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectConditions(item, parentKey, out);
    return;
  }
  if (!isRecord(node)) return;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'preconditions' || (k === 'conditions' && parentKey === 'deny')) {
      const lists = Array.isArray(v) ? [v] : isRecord(v) ? [v.any, v.all] : [];
      for (const list of lists) if (Array.isArray(list)) out.push(...list);
    } else {
      collectConditions(v, k, out);
    }
  }
}

function corpusConditions(): unknown[] {
  const out: unknown[] = [];
  for (const dir of readdirSync(CORPUS)) {
    const path = join(CORPUS, dir);
    if (!existsSync(join(path, 'kyverno-test.yaml'))) continue;
    for (const file of readdirSync(path).filter((f) => f.endsWith('.yaml'))) {
      for (const doc of loadAll(readFileSync(join(path, file), 'utf8'), undefined, { schema: CORE_SCHEMA })) {
        if (isRecord(doc) && (doc.kind === 'ClusterPolicy' || doc.kind === 'Policy')) collectConditions(doc, '', out);
      }
    }
  }
  return out;
}

const hasCorpus = existsSync(CORPUS);
(hasCorpus ? describe : describe.skip)('every condition in the conformance corpus', () => {
  const conditions = hasCorpus ? corpusConditions() : [];

  it('finds a substantial number of conditions', () => {
    expect(conditions.length).toBeGreaterThan(100);
  });

  it('uses only operators Tollgate knows', () => {
    const unknown = conditions.filter((c) => !isRecord(c) || resolveOperator(c.operator) === undefined);
    expect(unknown).toEqual([]);
  });

  it('evaluates every condition, even with its variables left unsubstituted, without error', () => {
    const wellFormed = conditions.filter((c): c is Condition => isRecord(c) && typeof c.operator === 'string');
    expect(wellFormed).toHaveLength(conditions.length);
    for (const c of wellFormed) {
      expect(evaluateConditions({ all: [c] }).kind).toBe('ok');
    }
  });
});
