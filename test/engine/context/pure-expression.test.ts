import { isPureExpression } from '../../../src/engine/context/pure-expression.js';

describe('isPureExpression', () => {
  test.each([
    'items[].spec.rules[].host',
    "items[?metadata.namespace == 'a'] | length(@)",
    "object_from_lists(items[].metadata.name, items[].metadata.namespace)",
    "lookup(items[0].metadata, 'name')",
    "items[].metadata.labels | [?label_match(`{\"a\":\"b\"}`, @)]",
    "split(metadata.annotations.\"ingress-whitelist\" || '', ',')[].trim(@, ' ')",
    "keys(@) | sort(@) | to_string(@)",
    "items[?regex_match('^a', metadata.name)].metadata.name",
    "{n: to_number('3'), s: sum([`1`, `2`]), d: time_diff('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z')}",
    // A parenthesis inside a string literal is not a call.
    "items[?metadata.name == 'time_now()'].metadata.name",
    'let $x = metadata in items[?metadata.namespace == $x.name]',
  ])('pure: %s', (expression) => expect(isPureExpression(expression)).toBe(true));

  test.each([
    'time_now()',
    'time_now_utc()',
    "time_since('', metadata.creationTimestamp, '')",
    'random(`[a-z]{5}`)',
    "items[?contains(metadata.name, random('[a-z]'))]",
    '{a: items[0], b: time_now()}',
    'not_a_function(@)',
    // Syntax errors are left to the evaluation, which reports them.
    'items[',
  ])('not memoized: %s', (expression) => expect(isPureExpression(expression)).toBe(false));
});
