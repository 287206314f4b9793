/**
 * The background scan over the resources of conformance cases reproduces what `kyverno test` expects for them
 * (these PSS policies run in the background and read `request.operation || 'BACKGROUND'`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import type { KubeObject } from '../../../src/api/kube.js';
import { loadPolicyFiles } from '../../../src/policy/index.js';
import { backgroundScanner, kindRefOf } from '../../../src/report/background/index.js';
import { FakeCache, RecordingSink, fixedEnv } from './helpers.js';

const CORPUS = '/work/shared/conformance/kyverno-policies';

interface Expected {
  kind: string;
  policy: string;
  resources: string[];
  result: string;
}

const CASES = ['pod-security__baseline__disallow-capabilities', 'pod-security__baseline__disallow-host-namespaces', 'pod-security__restricted__require-run-as-non-root-user'];

describe('background scan of conformance cases', () => {
  it.each(CASES)('%s', async (dir) => {
    const caseDir = join(CORPUS, dir);
    const test = loadAll(readFileSync(join(caseDir, 'kyverno-test.yaml'), 'utf8'))[0] as { policies: string[]; resources: string[]; results: Expected[] };
    const { policies, errors } = await loadPolicyFiles(test.policies.map((p) => join(caseDir, p)));
    expect(errors).toEqual([]);
    const objects = test.resources.flatMap((r) => loadAll(readFileSync(join(caseDir, r), 'utf8')) as KubeObject[]).filter((o) => o && typeof o.kind === 'string');
    const cache = new FakeCache();
    objects.forEach((o, i) => {
      const ref = kindRefOf(o.apiVersion.includes('/') ? `${o.apiVersion}/${o.kind}` : o.kind);
      if (!ref) throw new Error(`no resource for ${o.kind}`);
      o.metadata.namespace ??= 'default';
      o.metadata.uid = `uid-${i}`;
      cache.emit('ADDED', ref, o);
    });
    const sink = new RecordingSink();
    const scanner = backgroundScanner({ cache, policies: () => policies, subscribePolicies: () => () => undefined, sink, isLeader: () => true, env: fixedEnv });
    const summary = await scanner.scanAll();
    expect(summary.completed).toBe(true);

    const results = new Map<string, Set<string>>();
    for (const entries of sink.state.values()) {
      for (const e of entries) {
        const k = `${e.policy} ${e.resource.kind} ${e.resource.name}`;
        results.set(k, (results.get(k) ?? new Set()).add(e.result));
      }
    }
    let checked = 0;
    for (const expected of test.results) {
      for (const name of expected.resources) {
        const got = results.get(`${expected.policy} ${expected.kind} ${name}`) ?? new Set(['none']);
        // A resource fails when any of its rules fails; it passes when all that ran passed.
        const verdict = got.has('fail') ? 'fail' : got.has('pass') ? 'pass' : [...got].join();
        expect(`${expected.kind}/${name}: ${verdict}`).toBe(`${expected.kind}/${name}: ${expected.result}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});
