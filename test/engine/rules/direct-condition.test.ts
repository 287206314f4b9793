/**
 * The direct substitution of simple conditions gives exactly what the general substitution gives, and declines
 * every shape it does not handle: case by case, then for every condition of the conformance corpus.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { AdmissionRequest } from '../../../src/api/admission.js';
import { isRecord } from '../../../src/api/json.js';
import type { Condition } from '../../../src/api/policy.js';
import { buildRequestContext } from '../../../src/engine/context/request-context.js';
import { createJmespath } from '../../../src/engine/jmespath/index.js';
import { substituteDirect } from '../../../src/engine/rules/direct-condition.js';
import { substituteAll } from '../../../src/engine/variables/index.js';
import { loadPolicyFiles } from '../../../src/policy/index.js';
import { CONFORMANCE } from '../../webhook/helpers.js';
import { podCreateRequest } from '../pod-request.js';

const jmespath = createJmespath({ now: () => 0, random: () => 0.5 });
const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, annotations: { note: '{{ request.object.metadata.name }}' } },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27', securityContext: { capabilities: { drop: ['ALL'], add: ['NET_RAW'] } } }] },
};
const create = buildRequestContext(podCreateRequest(pod), undefined, undefined);
const deleteRequest: AdmissionRequest = { ...podCreateRequest(null), operation: 'DELETE', oldObject: { ...pod, metadata: { ...pod.metadata, name: 'old' } } };
const deleting = buildRequestContext(deleteRequest, undefined, undefined);
const withElement = { ...create, element: pod.spec.containers[0], elementIndex: 0 };

const general = (c: Condition, data: Record<string, unknown>): unknown => {
  const out = substituteAll(c, { data, jmespath }, 'conditions');
  if (!out.ok) throw new Error(out.message);
  return out.value;
};
const direct = (c: Condition, data: Record<string, unknown>): Condition | undefined =>
  substituteDirect(c, data, jmespath, data === deleting);

describe('substituteDirect', () => {
  it.each<[string, Condition, Record<string, unknown>]>([
    ['literals', { key: 'a', operator: 'Equals', value: ['a', 'b'] }, create],
    ['a whole variable', { key: '{{ request.object.metadata.name }}', operator: 'Equals', value: 'web' }, create],
    ['a JSON-typed value', { key: '{{ element.securityContext.capabilities.drop[] || `[]` }}', operator: 'AnyNotIn', value: ['ALL'] }, withElement],
    ['a missing key reads as ""', { key: '{{ request.object.spec.nothing.here }}', operator: 'Equals', value: '' }, create],
    ['a syntax error reads as ""', { key: '{{ request.object.[ }}', operator: 'Equals', value: '' }, create],
    ['request.object is the old object on DELETE', { key: '{{ request.object.metadata.name }}', operator: 'Equals', value: 'old' }, deleting],
    ['a message without variables', { key: 'x', operator: 'Equals', value: 'x', message: 'plain' }, create],
  ])('%s: same as the general substitution', (_name, condition, data) => {
    const got = direct(condition, data);
    expect(got).toBeDefined();
    expect(got).toEqual(general(condition, data));
  });

  it.each<[string, Condition, Record<string, unknown>]>([
    ['a variable inside a longer string', { key: 'name-{{ request.object.metadata.name }}', operator: 'Equals', value: 'x' }, create],
    ['two variables', { key: '{{ request.object.kind }}{{ request.object.metadata.name }}', operator: 'Equals', value: 'x' }, create],
    ['a message with a variable', { key: 'a', operator: 'Equals', value: 'a', message: 'for {{ request.object.metadata.name }}' }, create],
    ['{{@}}', { key: '{{@}}', operator: 'Equals', value: 'x' }, create],
    ['a $( ) reference', { key: '$(value)', operator: 'Equals', value: 'x' }, create],
    ['a variable in a list value', { key: 'a', operator: 'AnyIn', value: ['{{ request.object.metadata.name }}'] }, create],
    ['an unknown field', { key: 'a', operator: 'Equals', value: 'a', extra: '{{ x }}' } as Condition, create],
    ['a value that holds a variable in turn', { key: '{{ request.object.metadata.annotations }}', operator: 'Equals', value: 'x' }, create],
  ])('declines %s', (_name, condition, data) => {
    expect(direct(condition, data)).toBeUndefined();
  });

  it('gives the general result for every condition of the corpus it takes, and takes most of them', async () => {
    const dirs = readdirSync(CONFORMANCE).map((d) => path.join(CONFORMANCE, d));
    const { policies } = await loadPolicyFiles(dirs);
    const conditions: Condition[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (isRecord(node)) {
        if ('key' in node && 'operator' in node) conditions.push(node as unknown as Condition);
        else Object.values(node).forEach(collect);
      }
    };
    collect(policies.map((lp) => lp.rules));
    expect(conditions.length).toBeGreaterThan(300);
    let taken = 0;
    for (const condition of conditions) {
      for (const data of [create, deleting, withElement]) {
        const got = direct(condition, data);
        if (got === undefined) continue;
        taken++;
        expect({ condition, got }).toEqual({ condition, got: general(condition, data) });
      }
    }
    expect(taken).toBeGreaterThan(conditions.length * 3 * 0.6);
  });
});
