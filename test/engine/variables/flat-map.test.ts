/**
 * Flat maps (variables only in their own string values, like a condition) take a shorter path than the
 * general walk; wrapping the same map in a list forces the general walk, so both must give the same result.
 */
import { substituteAll } from '../../../src/engine/variables/index.js';
import type { Resolver, SubstitutionResult } from '../../../src/engine/variables/index.js';
import { context, scopeOf } from './scope.js';

const scope = scopeOf({ ...context, nested: { text: '{{ request.namespace }}', list: ['{{ request.operation }}', 1] }, shallowObj: { a: '{{ x }}' } });

function viaWalk(document: Record<string, unknown>, resolver: Resolver): SubstitutionResult<unknown> {
  const out = substituteAll([document], scope, resolver);
  // The wrapping list adds `/0` in front of every path.
  if (!out.ok) return { ...out, path: out.path.replace(/^\/0/, ''), message: out.message.replace(' at path /0/', ' at path /') };
  return { ok: true, value: (out.value as unknown[])[0] };
}

describe('substituteAll: flat maps', () => {
  test.each<[string, Record<string, unknown>, Resolver]>([
    ['whole variables keep their JSON type', { key: '{{ request.object.spec.replicas }}', operator: 'Equals', value: 3 }, 'conditions'],
    ['text around a variable', { key: 'ns-{{ request.namespace }}', operator: 'Equals', value: 'ns-prod', message: 'in {{ request.namespace }}' }, 'conditions'],
    ['a value holding variables is walked into', { key: '{{ nested }}', operator: 'Equals', value: null }, 'conditions'],
    ['a shallow value is not walked into', { key: '{{- shallowObj }}', operator: 'Equals', value: null }, 'conditions'],
    ['nested variables', { key: '{{ dictionary.data.{{ request.namespace }} }}', operator: 'Equals', value: 'high' }, 'conditions'],
    ['escaped variables', { key: '\\{{ request.namespace }}', operator: 'Equals', value: '{{ request.namespace }}' }, 'conditions'],
    ['unresolved in conditions becomes ""', { key: '{{ request.object.missing }}', operator: 'Equals', value: '' }, 'conditions'],
    ['unresolved is an error when strict', { key: 'ok', value: '{{ request.object.missing }}' }, 'strict'],
    ['containers without variables are shared', { key: '{{ request.operation }}', operator: 'AnyIn', value: ['CREATE', 'UPDATE'] }, 'strict'],
    ['the current field', { key: '{{@}}', value: 1 }, 'conditions'],
  ])('%s', (_name, document, resolver) => {
    const flat = substituteAll(document, scope, resolver);
    expect(flat).toEqual(viaWalk(document, resolver));
    // Asked twice (the plan is cached per document), the answer is the same.
    expect(substituteAll(document, scope, resolver)).toEqual(flat);
    if (flat.ok) expect(flat.value).not.toBe(document);
  });

  test('shared values are the document’s own, substituted ones are copies', () => {
    const value = ['CREATE', 'UPDATE'];
    const out = substituteAll({ key: '{{ nested }}', value }, scope, 'conditions');
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const result = out.value as Record<string, unknown>;
    expect(result.value).toBe(value);
    expect(result.key).toEqual({ text: 'prod', list: ['CREATE', 1] });
  });

  test('the failure path is the field’s', () => {
    expect(substituteAll({ key: 'ok', value: '{{ request.object.missing }}' }, scope, 'strict')).toMatchObject({ ok: false, path: '/value' });
  });
});
