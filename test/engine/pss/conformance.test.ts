/** Kyverno's own podSecurity samples: their resources must get the results recorded in kyverno-test.yaml. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { PodSecurity } from '../../../src/api/policy.js';
import { isRecord } from '../../../src/api/json.js';
import { evaluatePodSecurity } from '../../../src/engine/pss/index.js';

const ROOT = '/work/shared/conformance/kyverno-policies';

interface Case {
  dir: string;
  rule: string;
  resource: string;
  expected: string;
  spec: PodSecurity;
  object: unknown;
}

const loadAll = (file: string): unknown[] => yaml.loadAll(readFileSync(file, 'utf8')).filter((d) => d !== null && d !== undefined);
const field = (v: unknown, key: string): unknown => (isRecord(v) ? v[key] : undefined);
const array = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function podSecurityRules(dir: string, policyFiles: string[]): Map<string, PodSecurity> {
  const rules = new Map<string, PodSecurity>();
  for (const doc of policyFiles.flatMap((f) => loadAll(join(dir, f)))) {
    for (const rule of array(field(field(doc, 'spec'), 'rules'))) {
      const ps = field(field(rule, 'validate'), 'podSecurity');
      if (isRecord(ps)) rules.set(String(field(rule, 'name')), ps as unknown as PodSecurity);
    }
  }
  return rules;
}

function loadCases(): Case[] {
  if (!existsSync(ROOT)) return [];
  const cases: Case[] = [];
  for (const name of readdirSync(ROOT).sort()) {
    const dir = join(ROOT, name);
    const testFile = join(dir, 'kyverno-test.yaml');
    if (!existsSync(testFile)) continue;
    const test = loadAll(testFile)[0];
    const rules = podSecurityRules(dir, array(field(test, 'policies')).map(String));
    if (rules.size === 0) continue;
    const resources = array(field(test, 'resources')).flatMap((f) => loadAll(join(dir, String(f))));
    for (const result of array(field(test, 'results'))) {
      const spec = rules.get(String(field(result, 'rule')));
      if (!spec) continue;
      for (const resourceName of array(field(result, 'resources')).map(String)) {
        const object = resources.find((r) => field(field(r, 'metadata'), 'name') === resourceName);
        cases.push({ dir: name, rule: String(field(result, 'rule')), resource: resourceName, expected: String(field(result, 'result')), spec, object });
      }
    }
  }
  return cases;
}

const cases = loadCases();

describe('Kyverno conformance: podSecurity', () => {
  it('finds the podSecurity cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });

  it.each(cases)('$dir: $resource -> $expected', ({ spec, object, expected }) => {
    expect(object).toBeDefined();
    const outcome = evaluatePodSecurity(object, spec);
    expect(outcome.kind).toBe(expected);
  });

  // Guards against the exclusions being ignored: the passing pods only pass thanks to them.
  const excluded = cases.filter((c) => c.expected === 'pass' && (c.spec.exclude ?? []).length > 0);
  it.each(excluded)('$dir: $resource fails without its exclusions', ({ spec, object }) => {
    expect(evaluatePodSecurity(object, { level: spec.level, version: spec.version }).kind).toBe('fail');
  });
});
