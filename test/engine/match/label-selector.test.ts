import type { LabelSelector } from '../../../src/api/kube.js';
import { evaluateLabelSelector, type SelectorResult } from '../../../src/engine/match/index.js';

const yes: SelectorResult = { ok: true, matched: true };
const no: SelectorResult = { ok: true, matched: false };

describe('evaluateLabelSelector', () => {
  const labels = { app: 'web', 'app.kubernetes.io/name': 'shop', tier: 'frontend', protected: 'true' };
  const cases: [name: string, selector: LabelSelector, actual: Record<string, string>, expected: SelectorResult | 'error'][] = [
    ['empty selector matches everything', {}, labels, yes],
    ['empty selector matches no labels', {}, {}, yes],
    ['matchLabels equal', { matchLabels: { protected: 'true' } }, labels, yes],
    ['matchLabels different value', { matchLabels: { protected: 'false' } }, labels, no],
    ['matchLabels missing key', { matchLabels: { missing: 'x' } }, labels, no],
    ['matchLabels all must hold', { matchLabels: { app: 'web', tier: 'backend' } }, labels, no],
    ['matchLabels empty value matches empty label', { matchLabels: { flag: '' } }, { flag: '' }, yes],
    ['matchLabels prefixed key', { matchLabels: { 'app.kubernetes.io/name': 'shop' } }, labels, yes],
    ['wildcard value', { matchLabels: { app: 'w*' } }, labels, yes],
    ['wildcard value no match', { matchLabels: { app: 'x*' } }, labels, no],
    ['wildcard key', { matchLabels: { 'app.kubernetes.io/*': 'shop' } }, labels, yes],
    ['wildcard key and value', { matchLabels: { 't?er': '*' } }, labels, yes],
    ['wildcard any label', { matchLabels: { '*': '*' } }, labels, yes],
    ['wildcard any label, none present', { matchLabels: { '*': '*' } }, {}, no],
    // An unmatched wildcard becomes `0`s, which a label literally named so would satisfy.
    ['unmatched wildcard replaced by zeros', { matchLabels: { 'team-*': 'a?' } }, { 'team-0': 'a0' }, yes],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'edge'] }] }, labels, yes],
    ['In, value absent', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] }, labels, no],
    ['In, key absent', { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, labels, no],
    ['NotIn', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['production'] }] }, { env: 'foo' }, yes],
    ['NotIn, value present', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['production'] }] }, { env: 'production' }, no],
    ['NotIn, key absent matches', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['production'] }] }, {}, yes],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels, yes],
    ['Exists, absent', { matchExpressions: [{ key: 'env', operator: 'Exists' }] }, labels, no],
    ['DoesNotExist', { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, labels, yes],
    ['DoesNotExist, present', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels, no],
    ['labels AND expressions', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] }, labels, no],
    ['In without values is invalid', { matchExpressions: [{ key: 'tier', operator: 'In', values: [] }] }, labels, 'error'],
    ['Exists with values is invalid', { matchExpressions: [{ key: 'tier', operator: 'Exists', values: ['x'] }] }, labels, 'error'],
    ['unknown operator is invalid', { matchExpressions: [{ key: 'tier', operator: 'Equals' as 'In', values: ['x'] }] }, labels, 'error'],
    ['invalid key', { matchLabels: { 'bad key': 'x' } }, labels, 'error'],
    ['invalid prefix', { matchLabels: { 'Bad_Prefix/name': 'x' } }, labels, 'error'],
    ['too many slashes', { matchLabels: { 'a/b/c': 'x' } }, labels, 'error'],
    ['invalid value', { matchLabels: { app: 'has space' } }, labels, 'error'],
    ['value too long', { matchLabels: { app: 'a'.repeat(64) } }, labels, 'error'],
    ['invalid value in expression', { matchExpressions: [{ key: 'app', operator: 'In', values: ['-bad'] }] }, labels, 'error'],
  ];
  it.each(cases)('%s', (_name, selector, actual, expected) => {
    const result = evaluateLabelSelector(selector, actual);
    if (expected === 'error') expect(result.ok).toBe(false);
    else expect(result).toEqual(expected);
  });
});
