/**
 * mayMatchKind: the kinds-only gate in front of the full match. It may let through rules that then fail to
 * match, but must never turn away one that matches: checked case by case, then for every rule of the
 * conformance corpus (autogen included) against requests of many kinds and subresources.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { LoadedPolicy, Rule } from '../../../src/api/policy.js';
import { matchRule, prepareMatch } from '../../../src/engine/match/index.js';
import { candidateRules, decidedByKind, mayMatchKind, requestKind } from '../../../src/engine/match/kind-gate.js';
import { loadPolicyFiles } from '../../../src/policy/index.js';
import { CONFORMANCE } from '../../webhook/helpers.js';
import { input, obj, rule, type InputOptions } from './helpers.js';

function gate(r: Rule, object: Record<string, unknown>, opts: InputOptions = {}): boolean {
  const ctx = prepareMatch(input(object, opts));
  if (!ctx) throw new Error('no match context');
  return mayMatchKind(r, ctx.gvk, ctx.subresource);
}

const pod = obj('v1', 'Pod', { name: 'p', namespace: 'default' });
const deployment = obj('apps/v1', 'Deployment', { name: 'd', namespace: 'default' });

describe('mayMatchKind', () => {
  it.each([
    ['any: a filter naming other kinds only', 'match: {any: [{resources: {kinds: [Deployment, StatefulSet]}}]}', pod, false],
    ['any: one filter names the kind', 'match: {any: [{resources: {kinds: [Deployment]}}, {resources: {kinds: [Pod]}}]}', pod, true],
    ['any: a filter without kinds may select anything', 'match: {any: [{resources: {kinds: [Deployment]}}, {resources: {namespaces: [default]}}]}', pod, true],
    ['any: a filter with subjects only', 'match: {any: [{subjects: [{kind: User, name: alice}]}]}', pod, true],
    ['all: every list must name the kind', 'match: {all: [{resources: {kinds: [Pod]}}, {resources: {kinds: [Deployment]}}]}', pod, false],
    ['all: lists that all name the kind', 'match: {all: [{resources: {kinds: [Pod]}}, {resources: {namespaces: [default]}}]}', pod, true],
    ['legacy resources.kinds, other kind', 'match: {resources: {kinds: [Deployment]}}', pod, false],
    ['legacy resources.kinds, same kind', 'match: {resources: {kinds: [Pod]}}', pod, true],
    ['wildcard kind', 'match: {any: [{resources: {kinds: ["*"]}}]}', deployment, true],
    ['wildcard in a kind', 'match: {any: [{resources: {kinds: ["Deploy*"]}}]}', deployment, true],
    ['group/version/kind', 'match: {any: [{resources: {kinds: [apps/v1/Deployment]}}]}', deployment, true],
    ['group/version/kind of another group', 'match: {any: [{resources: {kinds: [batch/v1/Job]}}]}', deployment, false],
    ['an empty any falls back to all', 'match: {any: [], all: [{resources: {kinds: [Deployment]}}]}', pod, false],
    ['no kinds anywhere', 'match: {any: [{resources: {names: [p]}}]}', pod, true],
  ])('%s', (_name, text, object, expected) => {
    expect(gate(rule(text), object)).toBe(expected);
  });

  it('lets a Pod selector through for pods/ephemeralcontainers (kubectl debug), not for pods/exec', () => {
    const r = rule('match: {any: [{resources: {kinds: [Pod]}}]}');
    expect(gate(r, pod, { subResource: 'ephemeralcontainers' })).toBe(true);
    expect(gate(r, pod, { subResource: 'exec' })).toBe(false);
    expect(gate(rule('match: {any: [{resources: {kinds: [Pod/exec]}}]}'), pod, { subResource: 'exec' })).toBe(true);
  });

  it('a rule without match is left to the full match', () => {
    expect(mayMatchKind({ name: 'r', validate: { deny: {} } } as Rule, { group: '', version: 'v1', kind: 'Pod' }, '')).toBe(true);
  });

  it('never turns away a rule of the corpus that the full match accepts', async () => {
    const dirs = readdirSync(CONFORMANCE).map((d) => path.join(CONFORMANCE, d));
    const { policies } = await loadPolicyFiles(dirs);
    const rules = policies.flatMap((lp) => lp.rules);
    expect(rules.length).toBeGreaterThan(300);
    const requests: [Record<string, unknown>, InputOptions][] = [
      [pod, {}],
      [pod, { subResource: 'ephemeralcontainers' }],
      [pod, { subResource: 'exec', operation: 'CONNECT' }],
      [deployment, {}],
      [obj('apps/v1', 'StatefulSet', { name: 's', namespace: 'default' }), {}],
      [obj('batch/v1', 'CronJob', { name: 'c', namespace: 'default' }), {}],
      [obj('v1', 'Namespace', { name: 'team' }), {}],
      [obj('v1', 'ConfigMap', { name: 'cm', namespace: 'default' }), {}],
      [obj('v1', 'Service', { name: 'svc', namespace: 'default' }), { operation: 'UPDATE' }],
      [obj('networking.k8s.io/v1', 'Ingress', { name: 'i', namespace: 'default' }), {}],
    ];
    let gated = 0;
    let matched = 0;
    for (const [object, opts] of requests) {
      const inp = input(object, opts);
      const ctx = prepareMatch(inp);
      if (!ctx) throw new Error('no match context');
      for (const r of rules) {
        const full = matchRule(r, inp).matched;
        if (full) matched++;
        if (!mayMatchKind(r, ctx.gvk, ctx.subresource)) {
          gated++;
          expect({ rule: r.name, kind: ctx.gvk.kind, matched: full }).toEqual({ rule: r.name, kind: ctx.gvk.kind, matched: false });
        }
      }
    }
    // The gate does its job: most rules name other kinds than any one request's.
    expect(matched).toBeGreaterThan(100);
    expect(gated).toBeGreaterThan(rules.length * requests.length * 0.5);
  });
});

describe('candidateRules', () => {
  const podKind = requestKind({ group: '', version: 'v1', kind: 'Pod' }, '');
  const deploymentKind = requestKind({ group: 'apps', version: 'v1', kind: 'Deployment' }, '');
  // A rule as the loader gives it: the given match and stage block, nothing else.
  const staged = (text: string, name: string): Rule => ({ name, ...(yaml.load(text) as Omit<Rule, 'name'>) });
  const rules: Rule[] = [
    staged('match: {any: [{resources: {kinds: [Pod]}}]}\nvalidate: {deny: {}}', 'pod-validate'),
    staged('match: {any: [{resources: {kinds: [Deployment]}}]}\nvalidate: {deny: {}}', 'deployment-validate'),
    staged('match: {any: [{resources: {kinds: [Pod]}}]}\nmutate: {patchStrategicMerge: {}}', 'pod-mutate'),
    staged('match: {any: [{resources: {namespaces: [default]}}]}\nvalidate: {deny: {}}', 'any-validate'),
    staged('match: {any: [{resources: {kinds: [Pod]}}]}\ngenerate: {kind: ConfigMap, name: x, data: {}}', 'pod-generate'),
  ];
  const lp = { key: 'p', rules } as unknown as LoadedPolicy;
  const names = (rs: readonly Rule[]): string[] => rs.map((r) => r.name);

  it('keeps, in policy order, the rules of the stage whose kinds may select the request', () => {
    expect(names(candidateRules(lp, 'validate', podKind))).toEqual(['pod-validate', 'any-validate']);
    expect(names(candidateRules(lp, 'validate', deploymentKind))).toEqual(['deployment-validate', 'any-validate']);
    expect(names(candidateRules(lp, 'mutate', podKind))).toEqual(['pod-mutate']);
    expect(names(candidateRules(lp, 'mutate', deploymentKind))).toEqual([]);
    expect(names(candidateRules(lp, 'generate', podKind))).toEqual(['pod-generate']);
  });

  it('answers a kind seen before from its cache, and a subresource is a kind of its own', () => {
    expect(candidateRules(lp, 'validate', podKind)).toBe(candidateRules(lp, 'validate', requestKind(podKind.gvk, '')));
    expect(names(candidateRules(lp, 'validate', requestKind(podKind.gvk, 'exec')))).toEqual(['any-validate']);
  });

  it('over the corpus, a stage sees exactly the rules of that stage the per-rule gate lets through', async () => {
    const dirs = readdirSync(CONFORMANCE).map((d) => path.join(CONFORMANCE, d));
    const { policies } = await loadPolicyFiles(dirs);
    for (const kind of [podKind, deploymentKind, requestKind({ group: 'batch', version: 'v1', kind: 'CronJob' }, '')]) {
      for (const stage of ['validate', 'mutate', 'generate'] as const) {
        for (const p of policies) {
          const expected = p.rules.filter((r) => r[stage] && mayMatchKind(r, kind.gvk, kind.subresource));
          expect(names(candidateRules(p, stage, kind))).toEqual(names(expected));
        }
      }
    }
  });
});

describe('decidedByKind', () => {
  it.each([
    ['any: kinds only', 'match: {any: [{resources: {kinds: [Pod]}}, {resources: {kinds: [Deployment]}}]}', true],
    ['legacy: kinds only', 'match: {resources: {kinds: [Pod]}}', true],
    ['any: one filter also names namespaces', 'match: {any: [{resources: {kinds: [Pod]}}, {resources: {kinds: [Pod], namespaces: [a]}}]}', false],
    ['any: a filter with subjects', 'match: {any: [{resources: {kinds: [Pod]}, subjects: [{kind: User, name: alice}]}]}', false],
    ['any: a filter with operations', 'match: {any: [{resources: {kinds: [Pod], operations: [CREATE]}}]}', false],
    ['any: an empty selector counts as set', 'match: {any: [{resources: {kinds: [Pod], selector: {}}}]}', false],
    ['all: left to the full match', 'match: {all: [{resources: {kinds: [Pod]}}]}', false],
    ['no kinds', 'match: {any: [{resources: {names: [p]}}]}', false],
    ['kinds only, but an exclude block', 'match: {any: [{resources: {kinds: [Pod]}}]}\nexclude: {any: [{resources: {namespaces: [kube-system]}}]}', false],
  ])('%s', (_name, text, expected) => {
    expect(decidedByKind(rule(text))).toBe(expected);
  });

  it('over the corpus, a rule it decides matches every request its kind gate lets through', async () => {
    const dirs = readdirSync(CONFORMANCE).map((d) => path.join(CONFORMANCE, d));
    const { policies } = await loadPolicyFiles(dirs);
    const rules = policies.filter((lp) => lp.policy.kind === 'ClusterPolicy').flatMap((lp) => lp.rules);
    const requests: [Record<string, unknown>, InputOptions][] = [
      [pod, {}],
      [pod, { subResource: 'ephemeralcontainers' }],
      [pod, { operation: 'DELETE' }],
      [deployment, { operation: 'UPDATE' }],
      [obj('batch/v1', 'CronJob', { name: 'c', namespace: 'default' }), {}],
      [obj('v1', 'Namespace', { name: 'team' }), {}],
      [obj('networking.k8s.io/v1', 'Ingress', { name: 'i', namespace: 'default' }), {}],
    ];
    let decidedCount = 0;
    for (const [object, opts] of requests) {
      const inp = input(object, opts);
      const ctx = prepareMatch(inp);
      if (!ctx) throw new Error('no match context');
      for (const r of rules) {
        if (!decidedByKind(r) || !mayMatchKind(r, ctx.gvk, ctx.subresource)) continue;
        decidedCount++;
        expect({ rule: r.name, kind: ctx.gvk.kind, matched: matchRule(r, inp).matched }).toEqual({ rule: r.name, kind: ctx.gvk.kind, matched: true });
      }
    }
    expect(decidedCount).toBeGreaterThan(100);
  });
});
