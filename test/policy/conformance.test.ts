/** Every ClusterPolicy of the Kyverno conformance corpus loads; the CEL kinds are reported as unsupported. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { isRecord } from '../../src/api/json.js';
import { OPERATIONS } from '../../src/api/admission.js';
import { buildPolicyIndex, parsePolicies } from '../../src/policy/index.js';
import type { PolicyLoadError } from '../../src/policy/index.js';

const ROOT = '/work/shared/conformance/kyverno-policies';
const CEL_KINDS = new Set(['ValidatingPolicy', 'MutatingPolicy', 'GeneratingPolicy']);

interface ExpectedResult {
  caseName: string;
  policy: string;
  rule: string;
  kind: string;
}

/** The (policy, rule, kind) triples that `kyverno test` checks, from each case's kyverno-test.yaml. */
function expectedResults(caseName: string): ExpectedResult[] {
  const test: unknown = load(readFileSync(path.join(ROOT, caseName, 'kyverno-test.yaml'), 'utf8'));
  const results = isRecord(test) && Array.isArray(test.results) ? test.results : [];
  return results.flatMap((r) =>
    isRecord(r) && typeof r.policy === 'string' && typeof r.rule === 'string' && typeof r.kind === 'string'
      ? [{ caseName, policy: r.policy, rule: r.rule, kind: r.kind }]
      : [],
  );
}

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

  it('every expected result names a rule (own or autogen) that the index offers for its kind', () => {
    const byCase = new Map<string, ReturnType<typeof parsePolicies>['policies']>();
    for (const r of results) byCase.set(r.caseName, [...(byCase.get(r.caseName) ?? []), ...r.result.policies]);
    let checked = 0;
    const missing: string[] = [];
    for (const [caseName, policies] of byCase) {
      const index = buildPolicyIndex(policies);
      for (const exp of expectedResults(caseName)) {
        const policy = policies.find((p) => p.key === exp.policy);
        const wanted = new Set([exp.rule, `autogen-${exp.rule}`, `autogen-cronjob-${exp.rule}`]);
        // CEL policy kinds are not loaded; a few upstream tests name a rule their policy does not have
        if (!policy || !policy.rules.some((r) => wanted.has(r.name))) continue;
        const offered = OPERATIONS.flatMap((op) => index.candidates(exp.kind, op, 'default'));
        checked++;
        if (!offered.some((c) => c.policy.key === exp.policy && wanted.has(c.rule.name))) missing.push(`${caseName}: ${exp.policy}/${exp.rule} for ${exp.kind}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  });

  it('generates the autogen rules that cases tagged autogen:expected rely on', () => {
    const tagged = readFileSync(path.join(ROOT, 'INDEX.tsv'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('autogen:expected'))
      .map((line) => line.split('\t')[0]);
    expect(tagged.length).toBeGreaterThan(40);
    for (const caseName of tagged) {
      const loaded = results.filter((r) => r.caseName === caseName).flatMap((r) => r.result.policies);
      if (loaded.length === 0) continue; // CEL policy kinds only
      const rules = loaded.flatMap((p) => p.rules.map((r) => r.name));
      const controllerResults = expectedResults(caseName).filter((e) => ['Deployment', 'CronJob', 'DaemonSet', 'StatefulSet', 'Job', 'ReplicaSet'].includes(e.kind));
      for (const exp of controllerResults) {
        if (rules.includes(exp.rule) && !exp.rule.startsWith('autogen-')) {
          // a rule written for controllers directly (e.g. validate-podcontroller-namespace)
          continue;
        }
        const expectedName = exp.rule.startsWith('autogen-') ? exp.rule : exp.kind === 'CronJob' ? `autogen-cronjob-${exp.rule}` : `autogen-${exp.rule}`;
        expect({ caseName, rule: expectedName, present: rules.includes(expectedName) }).toEqual({ caseName, rule: expectedName, present: true });
      }
    }
  });
});
