/** The store combines sources into immutable sets: precedence, duplicates, generation, readiness. */
import type { LoadedPolicy } from '../../../src/api/policy.js';
import { parsePolicies } from '../../../src/policy/index.js';
import { type PolicySet, createPolicyStore, staticSource } from '../../../src/policy/store/index.js';

function load(file: string, kind: 'ClusterPolicy' | 'Policy', name: string, action = 'Enforce'): LoadedPolicy {
  const ns = kind === 'Policy' ? '\n  namespace: team' : '';
  const text = `apiVersion: kyverno.io/v1
kind: ${kind}
metadata:
  name: ${name}${ns}
spec:
  validationFailureAction: ${action}
  rules:
    - name: r
      match: {any: [{resources: {kinds: [Pod]}}]}
      validate: {message: m, pattern: {metadata: {name: "?*"}}}
`;
  const r = parsePolicies(text, file);
  if (r.policies.length !== 1) throw new Error(JSON.stringify(r.errors));
  return r.policies[0];
}

describe('createPolicyStore', () => {
  it('the first source wins a duplicate key, and the shadowed definition is reported', async () => {
    const files = staticSource('files', [load('dir/a.yaml', 'ClusterPolicy', 'a', 'Enforce'), load('dir/p.yaml', 'Policy', 'p')]);
    const cluster = staticSource('cluster', [load('cluster:ClusterPolicy/a', 'ClusterPolicy', 'a', 'Audit'), load('cluster:ClusterPolicy/b', 'ClusterPolicy', 'b')]);
    const store = createPolicyStore([files, cluster]);
    await store.start();
    const set = store.current();
    expect(set.policies.map((p) => `${p.key}:${p.policy.spec.validationFailureAction}:${p.source?.file}`)).toEqual([
      'a:Enforce:dir/a.yaml',
      'team/p:Enforce:dir/p.yaml',
      'b:Enforce:cluster:ClusterPolicy/b',
    ]);
    expect(set.errors.map((e) => [e.kind, e.policy, e.message])).toEqual([
      ['duplicate', 'a', 'cluster:ClusterPolicy/a#1: ClusterPolicy a is already defined by dir/a.yaml#1; this definition is ignored'],
    ]);
    expect(set.index).toBeDefined();
    expect(Object.isFrozen(set) && Object.isFrozen(set.policies)).toBe(true);
  });

  it('swaps a new set with a higher generation on every change, leaving old sets untouched', () => {
    const files = staticSource('files', [load('a.yaml', 'ClusterPolicy', 'a')]);
    const cluster = staticSource('cluster');
    const store = createPolicyStore([files, cluster]);
    const seen: PolicySet[] = [];
    store.subscribe((s) => seen.push(s));
    const first = store.current();
    cluster.set([load('cluster:b', 'ClusterPolicy', 'b')]);
    files.set([]);
    expect(seen.map((s) => [s.generation, s.policies.map((p) => p.key)])).toEqual([
      [1, ['a', 'b']],
      [2, ['b']],
    ]);
    expect(first.generation).toBe(0);
    expect(first.policies.map((p) => p.key)).toEqual(['a']);
    expect(store.current()).toBe(seen[1]);
  });

  it('passes errors of every source through, and a throwing subscriber does not stop others', () => {
    const failures: unknown[] = [];
    const files = staticSource('files');
    const store = createPolicyStore([files], { onListenerError: (e) => failures.push(e) });
    const got: number[] = [];
    store.subscribe(() => {
      throw new Error('boom');
    });
    store.subscribe((s) => got.push(s.generation));
    files.set([], [{ kind: 'io', file: 'x', reason: 'r', message: 'x: r' }]);
    expect(got).toEqual([1]);
    expect(failures).toHaveLength(1);
    expect(store.current().errors.map((e) => e.message)).toEqual(['x: r']);
  });

  it.each([
    [[true, true], true],
    [[true, false], false],
    [[], true],
  ])('ready() is true only when every source is ready (%j)', (states, expected) => {
    const sources = states.map((r, i) => ({ ...staticSource(`s${i}`), ready: () => r }));
    expect(createPolicyStore(sources).ready()).toBe(expected);
  });
});
