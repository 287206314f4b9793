import { run } from '../helpers.js';

describe('object, array and document functions', () => {
  test.each<[string, unknown, unknown]>([
    ['label_match(`{"dog":"lab","color":"tan"}`, `{"color":"tan","dog":"lab"}`)', null, true],
    ['label_match(`{"dog":"lab","color":"tan"}`, `{"color":"tan","weight":"chonky","dog":"lab"}`)', null, true],
    ['label_match(`{"dog":"lab","color":"tan"}`, `{"color":"black","dog":"lab"}`)', null, false],
    ['label_match(`{}`, `{"a":"b"}`)', null, true],
    ['label_match(selector, labels)', { selector: { app: 'x' }, labels: {} }, false],
    ['lookup(`{"key1": "value1", "key2": "value2"}`, `"key2"`)', null, 'value2'],
    ['lookup(`["item0", "item1", "item2"]`, `1`)', null, 'item1'],
    ['lookup(`["item0"]`, `5`)', null, null],
    ['lookup(`["item0"]`, `-1`)', null, null],
    ['lookup(`{"a": 1}`, `"b"`)', null, null],
    ["lookup(@, join('', ['container.apparmor.security.beta.kubernetes.io/', 'nginx']))", { 'container.apparmor.security.beta.kubernetes.io/nginx': 'unconfined' }, 'unconfined'],
    ["items(@, 'key', 'value')", { team: 'apple', organization: 'banana' }, [{ key: 'organization', value: 'banana' }, { key: 'team', value: 'apple' }]],
    ["items(@, 'key', 'value')", [{ team: 'apple' }, { organization: 'banana' }], [{ key: 0, value: { team: 'apple' } }, { key: 1, value: { organization: 'banana' } }]],
    ["items(@, 'k', 'v')", {}, []],
    ['object_from_lists(spec.containers[].env[].name, spec.containers[].env[].value)', { spec: { containers: [{ env: [{ name: 'KEY', value: '123' }, { name: 'endpoint', value: 'x.org' }] }] } }, { KEY: '123', endpoint: 'x.org' }],
    ['object_from_lists(`["a", "b"]`, `[1]`)', null, { a: 1, b: null }],
    ['object_from_lists(`[1, true]`, `["x", "y"]`)', null, { '1': 'x', true: 'y' }],
    ["parse_json('[\"1001\",\"1002\"]')[*].to_number(@)", null, [1001, 1002]],
    ['parse_json(`"{\\"a\\": {\\"b\\": 1.5}}"`).a.b', null, 1.5],
    ["parse_json('null')", null, null],
    ['pets | parse_yaml(@).species.isGoodBoi', { pets: 'species:\n  dog: lab\n  isGoodBoi: false\n  height: 15\n' }, false],
    ['parse_yaml(@)', 'a: yes\nb: 2023-01-01\nc: [1, two]\n', { a: true, b: '2023-01-01', c: [1, 'two'] }],
    ['parse_yaml(@)', 'base: &b {x: 1}\nderived:\n  <<: *b\n  z: 2\n', { base: { x: 1 }, derived: { x: 1, z: 2 } }],
    // YAML 1.1 (go-yaml v2): a plain `y` key is the boolean true, which becomes the JSON key "true".
    ['parse_yaml(@)', 'y: 1\nn: off\n', { true: 1, false: false }],
    ['parse_yaml(@).clusterName', 'apiVersion: kubeadm.k8s.io/v1beta3\nclusterName: kubernetes\n', 'kubernetes'],
  ])('%s', (expression, data, expected) => {
    expect(run(expression, data)).toEqual({ value: expected });
  });

  test.each<[string, string]>([
    ["label_match('a', `{}`)", 'invalid-argument'],
    ['lookup(`{"a": 1}`, `1`)', 'invalid-argument'],
    ['lookup(`[1]`, `"a"`)', 'invalid-argument'],
    ['lookup(`[1]`, `0.5`)', 'invalid-argument'],
    ["lookup('abc', `0`)", 'invalid-argument'],
    ['items(`{"a": 1}`)', 'invalid-argument'],
    ["items('abc', 'k', 'v')", 'invalid-argument'],
    ['object_from_lists(`[{}]`, `[1]`)', 'invalid-argument'],
    ["parse_json('{')", 'invalid-argument'],
    ["parse_yaml('a: [')", 'invalid-argument'],
  ])('%s fails with %s', (expression, code) => {
    expect(run(expression)).toMatchObject({ error: code });
  });
});
