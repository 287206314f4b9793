/**
 * Replays the Kyverno CLI expectations of the conformance corpus for rules that are a bare `validate.pattern`
 * on the resource kinds they name (no variables, preconditions, exclusions or selectors), so the result
 * depends on pattern matching alone.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { isRecord } from '../../../src/api/json.js';
import { matchPattern, type PatternResult } from '../../../src/engine/pattern/index.js';

const CORPUS = join(process.cwd(), '..', 'shared', 'conformance', 'kyverno-policies');

type Obj = Record<string, unknown>;

interface Check {
  id: string;
  resource: unknown;
  pattern: unknown;
  expected: string;
}

function docs(file: string): Obj[] {
  return loadAll(readFileSync(file, 'utf8')).filter(isRecord);
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Kinds of a match block that filters on kinds only; undefined when it filters on anything else. */
function plainKinds(match: unknown): string[] | undefined {
  if (!isRecord(match)) return undefined;
  const blocks: unknown[] = [];
  for (const [k, v] of Object.entries(match)) {
    if (k === 'any' || k === 'all') blocks.push(...asList(v));
    else if (k === 'resources') blocks.push({ resources: v });
    else return undefined;
  }
  const kinds: string[] = [];
  for (const b of blocks) {
    if (!isRecord(b) || Object.keys(b).length !== 1 || !isRecord(b.resources)) return undefined;
    if (Object.keys(b.resources).some((k) => k !== 'kinds')) return undefined;
    kinds.push(...asList(b.resources.kinds).filter((k): k is string => typeof k === 'string'));
  }
  return kinds;
}

function eligibleRules(policy: Obj): Map<string, { pattern: unknown; kinds: string[] }> {
  const out = new Map<string, { pattern: unknown; kinds: string[] }>();
  const spec = policy.spec;
  if (policy.kind !== 'ClusterPolicy' || !isRecord(spec)) return out;
  for (const rule of asList(spec.rules)) {
    if (!isRecord(rule) || typeof rule.name !== 'string' || !isRecord(rule.validate)) continue;
    if (rule.validate.pattern === undefined || rule.preconditions !== undefined || rule.exclude !== undefined) continue;
    if (rule.context !== undefined || JSON.stringify(rule).includes('{{')) continue;
    const kinds = plainKinds(rule.match);
    if (kinds === undefined) continue;
    out.set(rule.name, { pattern: rule.validate.pattern, kinds });
  }
  return out;
}

function collectChecks(): Check[] {
  const checks: Check[] = [];
  for (const name of readdirSync(CORPUS).sort()) {
    const dir = join(CORPUS, name);
    const testFile = join(dir, 'kyverno-test.yaml');
    if (!existsSync(testFile)) continue;
    const test = docs(testFile)[0];
    if (test === undefined) continue;
    const policies = asList(test.policies).flatMap((f) => (typeof f === 'string' ? docs(join(dir, f)) : []));
    const resources = asList(test.resources).flatMap((f) => (typeof f === 'string' && existsSync(join(dir, f)) ? docs(join(dir, f)) : []));
    for (const result of asList(test.results)) {
      if (!isRecord(result) || typeof result.result !== 'string') continue;
      const policy = policies.find((p) => isRecord(p.metadata) && p.metadata.name === result.policy);
      const rule = policy === undefined ? undefined : eligibleRules(policy).get(String(result.rule));
      if (rule === undefined || typeof result.kind !== 'string' || !rule.kinds.includes(result.kind)) continue;
      for (const ref of asList(result.resources)) {
        if (typeof ref !== 'string') continue;
        const [ns, resName] = ref.includes('/') ? ref.split('/', 2) : [undefined, ref];
        const resource = resources.find(
          (r) =>
            r.kind === result.kind &&
            isRecord(r.metadata) &&
            r.metadata.name === resName &&
            (ns === undefined || r.metadata.namespace === ns),
        );
        if (resource === undefined) continue;
        checks.push({ id: `${name} ${result.rule} ${ref}`, resource, pattern: rule.pattern, expected: result.result });
      }
    }
  }
  return checks;
}

/** Kyverno's rule status for a pattern outcome (a path-less failure is an error). */
function outcome(r: PatternResult): string {
  return r.kind === 'fail' && r.path === '' ? 'error' : r.kind;
}

describe('conformance corpus: bare validate patterns', () => {
  const checks = existsSync(CORPUS) ? collectChecks() : [];

  it('finds a substantial set of cases', () => {
    expect(checks.length).toBeGreaterThan(100);
    expect(new Set(checks.map((c) => c.expected))).toEqual(new Set(['pass', 'fail', 'skip']));
  });

  it('agrees with Kyverno on every case', () => {
    const disagreements = checks
      .map((c) => ({ id: c.id, expected: c.expected, got: outcome(matchPattern(c.resource, c.pattern)) }))
      .filter((r) => r.got !== r.expected);
    expect(disagreements).toEqual([]);
  });
});
