/** Every ClusterPolicy of the Kyverno conformance corpus loads; the CEL kinds are reported as unsupported. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { isRecord } from '../../src/api/json.js';
import { parsePolicies } from '../../src/policy/index.js';
import type { PolicyLoadError } from '../../src/policy/index.js';

const ROOT = '/work/shared/conformance/kyverno-policies';
const CEL_KINDS = new Set(['ValidatingPolicy', 'MutatingPolicy', 'GeneratingPolicy']);

interface CaseFile {
  caseName: string;
  file: string;
}

function policyFiles(): CaseFile[] {
  const out: CaseFile[] = [];
  for (const caseName of readdirSync(ROOT).sort()) {
    const dir = path.join(ROOT, caseName);
    if (!statSync(dir).isDirectory()) continue;
    const test: unknown = load(readFileSync(path.join(dir, 'kyverno-test.yaml'), 'utf8'));
    const policies = isRecord(test) && Array.isArray(test.policies) ? test.policies : [];
    for (const p of policies) if (typeof p === 'string') out.push({ caseName, file: path.join(dir, p) });
  }
  return out;
}

const available = existsSync(ROOT);
const describeIfCorpus = available ? describe : describe.skip;

describeIfCorpus('conformance corpus', () => {
  const files = available ? policyFiles() : [];
  const results = files.map((f) => ({ ...f, result: parsePolicies(readFileSync(f.file, 'utf8'), f.file) }));

  it('covers every case of the corpus', () => {
    expect(new Set(files.map((f) => f.caseName)).size).toBe(368);
  });

  it('loads every ClusterPolicy without a schema or YAML error', () => {
    const bad: PolicyLoadError[] = results.flatMap((r) => r.result.errors.filter((e) => e.kind !== 'unsupported-kind'));
    expect(bad.map((e) => e.message)).toEqual([]);
    const loaded = results.flatMap((r) => r.result.policies);
    expect(loaded.length).toBe(264);
    expect(loaded.every((p) => p.policy.kind === 'ClusterPolicy')).toBe(true);
    expect(new Set(loaded.map((p) => p.policy.apiVersion))).toEqual(new Set(['kyverno.io/v1', 'kyverno.io/v2beta1']));
  });

  it('reports each CEL policy kind as unsupported, not as a schema error', () => {
    const unsupported = results.flatMap((r) => r.result.errors.filter((e) => e.kind === 'unsupported-kind'));
    // 78 ValidatingPolicy, 27 MutatingPolicy and 2 GeneratingPolicy documents
    expect(unsupported.length).toBe(107);
    for (const e of unsupported) {
      expect(e.reason).toMatch(/^unsupported kind (\w+) \(policies\.kyverno\.io\/v\w+\)/);
      expect(CEL_KINDS.has(/^unsupported kind (\w+)/.exec(e.reason)?.[1] ?? '')).toBe(true);
      expect(e.document).toBeGreaterThanOrEqual(1);
    }
  });

  it('normalises every loaded policy: capitalised failure action, background set', () => {
    for (const { policy } of results.flatMap((r) => r.result.policies)) {
      expect(['Audit', 'Enforce']).toContain(policy.spec.validationFailureAction);
      expect(typeof policy.spec.background).toBe('boolean');
    }
  });
});
