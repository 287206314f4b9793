/**
 * Memoized patchesJson6902 substitution: requests with the same variable values share one substituted
 * operations list, others get their own, and every shape whose outcome may depend on more than those values
 * (impure functions, nested variables, values that hold variables) is substituted afresh, with the same result
 * the general substitution gives.
 */
import type { JsonPatchOp } from '../../../../src/api/json-patch.js';
import { buildRequestContext } from '../../../../src/engine/context/request-context.js';
import { createJmespath } from '../../../../src/engine/jmespath/index.js';
import { parseJson6902 } from '../../../../src/engine/mutate/json6902/index.js';
import { lookupOps, storeOps } from '../../../../src/engine/rules/mutate/ops-memo.js';
import { applyPatchSpec } from '../../../../src/engine/rules/mutate/patch.js';
import { substituteAll } from '../../../../src/engine/variables/index.js';
import { podCreateRequest } from '../../pod-request.js';

const jmespath = createJmespath({ now: () => 0, random: Math.random });
const type = { apiVersion: 'v1', kind: 'Pod' };

function podIn(namespace: string, extra: Record<string, unknown> = {}) {
  const object = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace, labels: {} }, spec: { containers: [{ name: 'app', image: 'app:1' }] } };
  const data = { ...buildRequestContext({ ...podCreateRequest(object), namespace }, undefined, undefined), ...extra };
  return { object, data };
}

const sidecar = `- op: add
  path: /spec/containers/-
  value:
    name: proxy
    image: "{{ image }}"
    args: ["--domain", "{{ request.namespace }}.svc.cluster.local"]
- op: add
  path: /metadata/labels/injected
  value: "yes"`;

function opsOf(text: string): readonly JsonPatchOp[] {
  const parsed = parseJson6902(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return Object.freeze(parsed.ops);
}

function apply(text: string, pod: ReturnType<typeof podIn>): unknown {
  const out = applyPatchSpec({ patchesJson6902: text }, { resource: pod.object, type, data: pod.data, jmespath });
  if (out.kind !== 'patched') throw new Error(`expected a patch, got ${JSON.stringify(out)}`);
  return out.value;
}

const containers = (patched: unknown): unknown => (patched as { spec: { containers: unknown[] } }).spec.containers[1];

describe('patchesJson6902 memo', () => {
  it('shares the substituted operations between requests with the same values, and only those', () => {
    const a1 = apply(sidecar, podIn('team-a', { image: 'proxy:1' }));
    const a2 = apply(sidecar, podIn('team-a', { image: 'proxy:1' }));
    const b = apply(sidecar, podIn('team-b', { image: 'proxy:1' }));
    const c = apply(sidecar, podIn('team-a', { image: 'proxy:2' }));
    expect(containers(a1)).toBe(containers(a2));
    expect(containers(a1)).toEqual({ name: 'proxy', image: 'proxy:1', args: ['--domain', 'team-a.svc.cluster.local'] });
    expect(containers(b)).toEqual({ name: 'proxy', image: 'proxy:1', args: ['--domain', 'team-b.svc.cluster.local'] });
    expect(containers(c)).toEqual({ name: 'proxy', image: 'proxy:2', args: ['--domain', 'team-a.svc.cluster.local'] });
    // Shared values are frozen: nothing downstream can change what another request will get.
    expect(Object.isFrozen(containers(a1))).toBe(true);
  });

  it('gives what the general substitution gives', () => {
    const pod = podIn('team-a', { image: 'proxy:1' });
    const ops = opsOf(sidecar);
    const first = lookupOps(ops, { data: pod.data, jmespath });
    expect(first?.hit).toBeUndefined();
    const general = substituteAll(ops, { data: pod.data, jmespath }, 'strict', { asText: true });
    if (!general.ok || first === undefined) throw new Error('substitution failed');
    storeOps(first.slot, general.value as readonly JsonPatchOp[]);
    expect(lookupOps(ops, { data: podIn('team-a', { image: 'proxy:1' }).data, jmespath })?.hit).toBe(general.value);
  });

  it.each([
    ['an impure function', `- {op: add, path: /metadata/labels/r, value: "{{ random('[a-z]{12}') }}"}`],
    ['a nested variable', `- {op: add, path: /metadata/labels/n, value: "{{ request.object.metadata.{{ key }} }}"}`],
    ['{{@}}', `- {op: add, path: /metadata/labels/at, value: "{{@}}"}`],
  ])('does not memoize %s', (_name, text) => {
    expect(lookupOps(opsOf(text), { data: podIn('team-a', { key: 'name' }).data, jmespath })).toBeUndefined();
  });

  it('substitutes afresh each time with an impure function', () => {
    const text = `- {op: add, path: /metadata/labels/r, value: "{{ random('[a-z]{12}') }}"}`;
    const label = (patched: unknown) => (patched as { metadata: { labels: { r: string } } }).metadata.labels.r;
    const seen = new Set([1, 2, 3, 4].map(() => label(apply(text, podIn('team-a')))));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('leaves values that hold variables to the general substitution, which substitutes them in turn', () => {
    const text = `- {op: add, path: /metadata/labels/v, value: "x-{{ template }}"}`;
    const pod = podIn('team-a', { template: '{{ request.namespace }}' });
    expect(lookupOps(opsOf(text), { data: pod.data, jmespath })).toBeUndefined();
    expect((apply(text, pod) as { metadata: { labels: { v: string } } }).metadata.labels.v).toBe('x-team-a');
  });

  it('a variable that fails to resolve is still the general error', () => {
    const out = applyPatchSpec({ patchesJson6902: sidecar }, { resource: podIn('team-a').object, type, data: podIn('team-a').data, jmespath });
    expect(out).toMatchObject({ kind: 'error', message: expect.stringContaining('variable substitution failed') });
  });
});
