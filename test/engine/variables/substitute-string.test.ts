import { substituteString } from '../../../src/engine/variables/index.js';
import { context, scopeOf } from './scope.js';

const scope = scopeOf(context);

describe('substituteString: values (expressions from the conformance corpus)', () => {
  test.each<[string, string, unknown]>([
    ['plain field', '{{request.object.metadata.name}}', 'nginx'],
    ['whitespace inside braces', '{{   request.object.metadata.name   }}', 'nginx'],
    ['number keeps its type', '{{ request.object.spec.replicas }}', 3],
    ['boolean keeps its type', '{{ request.object.spec.hostNetwork }}', false],
    ['object keeps its type', '{{ request.object.metadata.annotations }}', { owner: 'team-a' }],
    ['list keeps its type', '{{ request.object.spec.containers[].name }}', ['nginx', 'sidecar']],
    ['explicit null stays null', '{{ request.object.spec.nullable }}', null],
    ['field under a null object is null', '{{ request.oldObject.metadata.name }}', null],
    ['default with ||', "{{request.operation || 'BACKGROUND'}}", 'CREATE'],
    ['default for a missing key', "{{ request.object.metadata.labels.missing || '' }}", ''],
    ['literal default', '{{request.object.spec.terminationGracePeriodSeconds || `0` }}', 0],
    ['quoted key', '{{ request.object.metadata.labels."app.kubernetes.io/name" }}', 'shop'],
    ['pipe and index', '{{ images.containers.*.name | [0] }}', 'nginx'],
    ['function on @', '{{ request.object.spec.containers[].name | length(@) }}', 2],
    ['keys(@)', '{{ request.object.metadata.annotations.keys(@) }}', ['owner']],
    ['filter with @', "{{request.userInfo.groups[?contains(@,':') == `false`]}}", ['dev']],
    ['single-brace multiselect hash', '{{ request.object.spec.containers[0].{n: name, i: image} }}', { n: 'nginx', i: 'nginx:1.25' }],
    ['nested variable, inner first', '{{ dictionary.data."{{request.namespace}}" }}', 'high'],
    ['nested variable inside a function argument', "{{ length('{{request.object.metadata.name}}') }}", 5],
    ['doubly nested', '{{ dictionary.data.{{ request.object.metadata.{{ `"namespace"` }} }} }}', 'high'],
  ])('%s: %s', (_name, text, expected) => {
    expect(substituteString(text, scope)).toEqual({ ok: true, value: expected });
  });
});

describe('substituteString: embedded variables become text', () => {
  test.each<[string, string, string]>([
    ['string', 'ns-owner-{{request.namespace}}-{{request.userInfo.username}}-binding', 'ns-owner-prod-alice-binding'],
    ['number', 'replicas={{ request.object.spec.replicas }}', 'replicas=3'],
    ['boolean', 'hostNetwork={{ request.object.spec.hostNetwork }}', 'hostNetwork=false'],
    ['null', 'content = {{ request.object.spec.nullable }}', 'content = null'],
    ['object as Go JSON, keys sorted', 'labels: {{ request.object.metadata.labels }}', 'labels: {"app":"web","app.kubernetes.io/name":"shop","tier":"frontend"}'],
    ['list as JSON', 'names: {{ request.object.spec.containers[].name }}', 'names: ["nginx","sidecar"]'],
    ['HTML characters escaped like Go', 'd={{ dictionary.data }}', 'd={"\\u003cb\\u003e\\u0026":"x","prod":"high"}'],
    ['adjacent variables', '{{request.namespace}}{{request.userInfo.username}}', 'prodalice'],
    ['same variable twice', '{{request.namespace}}/{{request.namespace}}', 'prod/prod'],
    ['leading space makes it text', ' {{ request.object.spec.replicas }}', ' 3'],
    ['nested embedded', 'x-{{ dictionary.data."{{request.namespace}}" }}', 'x-high'],
  ])('%s', (_name, text, expected) => {
    expect(substituteString(text, scope)).toEqual({ ok: true, value: expected });
  });
});

describe('substituteString: escapes and non-variables', () => {
  test.each<[string, string, string]>([
    ['escaped variable loses its backslash', 'keep \\{{ request.object.metadata.name }}', 'keep {{ request.object.metadata.name }}'],
    ['escaped whole string', '\\{{ request.namespace }}', '{{ request.namespace }}'],
    ['escaped outer, resolved inner', '\\{{request.object.metadata.labels.{{`"app"`}}}}', '{{request.object.metadata.labels.app}}'],
    ['escaped next to a real one', '\\{{x}} {{request.namespace}}', '{{x}} prod'],
    ['single braces are text', '{ not a variable }', '{ not a variable }'],
    ['unterminated braces are text', 'a {{ b', 'a {{ b'],
    ['escaped reference form', 'k8s.pod.name=\\$(POD_NAME)', 'k8s.pod.name=$(POD_NAME)'],
  ])('%s', (_name, text, expected) => {
    expect(substituteString(text, scope)).toEqual({ ok: true, value: expected });
  });
});

describe('substituteString: unresolvable variables (strict)', () => {
  test.each<[string, string, string, string]>([
    ['missing label', '{{request.object.metadata.labels.app2}}', 'request.object.metadata.labels.app2', 'JMESPath query failed: Unknown key "app2" in path'],
    ['missing intermediate', '{{ request.object.status.phase }}', 'request.object.status.phase', 'JMESPath query failed: Unknown key "status" in path'],
    ['element outside foreach', '{{ element.name }}', 'element.name', 'JMESPath query failed: Unknown key "element" in path'],
    ['missing context entry, embedded', 'value: {{ cluster }}', 'cluster', 'JMESPath query failed: Unknown key "cluster" in path'],
    ['missing inner of a nested variable', '{{ dictionary.data."{{request.object.metadata.labels.nope}}" }}', 'request.object.metadata.labels.nope', 'JMESPath query failed: Unknown key "nope" in path'],
    ['outer of a nested variable', '{{ dictionary.data.{{request.object.metadata.name}} }}', 'dictionary.data.nginx', 'JMESPath query failed: Unknown key "nginx" in path'],
    ['empty variable', '{{ }}', '', 'invalid query (nil)'],
  ])('%s', (_name, text, variable, cause) => {
    expect(substituteString(text, scope)).toEqual({ ok: false, variable, path: '', message: `failed to resolve ${variable} at path : ${cause}` });
  });

  test('a JMESPath error fails the substitution with the evaluator message', () => {
    const r = substituteString('{{ length(`1`) }}', scope);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^failed to resolve length\(`1`\) at path : JMESPath query failed: .+/);
  });

  test('a syntax error fails the substitution', () => {
    const r = substituteString('{{ request.object.[ }}', scope);
    expect(r.ok ? '' : r.message).toMatch(/^failed to resolve request\.object\.\[ at path : incorrect query request\.object\.\[: .+/);
  });

  test('base path goes into the message and the failure', () => {
    const r = substituteString('{{request.object.metadata.labels.app2}}', scope, 'strict', { basePath: '/validate/message' });
    expect(r).toEqual({
      ok: false,
      variable: 'request.object.metadata.labels.app2',
      path: '/validate/message',
      message: 'failed to resolve request.object.metadata.labels.app2 at path /validate/message: JMESPath query failed: Unknown key "app2" in path',
    });
  });
});

describe('substituteString: conditions resolver', () => {
  test.each<[string, string, unknown]>([
    ['missing key becomes empty string', '{{ request.object.metadata.labels.app2 }}', ''],
    ['missing key embedded', 'x-{{ request.object.metadata.labels.app2 }}-y', 'x--y'],
    ['JMESPath error becomes empty string', '{{ length(`1`) }}', ''],
    ['explicit null stays null', '{{ request.object.spec.nullable }}', null],
    ['resolvable values are unchanged', '{{ request.object.spec.replicas }}', 3],
  ])('%s', (_name, text, expected) => {
    expect(substituteString(text, scope, 'conditions')).toEqual({ ok: true, value: expected });
  });
});

describe('substituteString: DELETE requests read request.oldObject', () => {
  const deleting = scopeOf({
    request: {
      operation: 'DELETE',
      object: null,
      oldObject: { metadata: { name: 'old', annotations: { target: 'nested_target', targetnew: 'target' } } },
    },
  });
  test.each<[string, string, unknown]>([
    ['plain', '{{request.object.metadata.name}}', 'old'],
    ['nested', '{{request.object.metadata.annotations.{{request.object.metadata.annotations.targetnew}}}}', 'nested_target'],
    ['escaped outer keeps request.object', '\\{{request.object.metadata.annotations.{{request.object.metadata.annotations.targetnew}}}}', '{{request.object.metadata.annotations.target}}'],
    ['explicit oldObject untouched', '{{ request.oldObject.metadata.name }}', 'old'],
  ])('%s', (_name, text, expected) => {
    expect(substituteString(text, deleting)).toEqual({ ok: true, value: expected });
  });

  test('failure names the rewritten variable', () => {
    const r = substituteString('{{request.object.metadata.labels.app}}', deleting);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.variable).toBe('request.oldObject.metadata.labels.app');
  });
});

describe('substituteString: shallow substitution', () => {
  const hcl = scopeOf({ hcl: 'from {{ some hcl template }}', ref: '{{ name }}', name: 'x' });
  test.each<[string, string, unknown]>([
    ['whole shallow value is kept as is', '{{- hcl }}', 'from {{ some hcl template }}'],
    ['embedded shallow value is not rescanned', 'config: {{- hcl }}', 'config: from {{ some hcl template }}'],
    ['shallow reference stays literal', 'v: {{- ref }}', 'v: {{ name }}'],
    ['deep (default) value is rescanned', 'v: {{ ref }}', 'v: x'],
    ['shallow next to a normal variable', '{{- ref }}/{{ name }}', '{{ name }}/x'],
  ])('%s', (_name, text, expected) => {
    expect(substituteString(text, hcl)).toEqual({ ok: true, value: expected });
  });

  test('a deep value that is not valid JMESPath fails when rescanned', () => {
    expect(substituteString('config: {{ hcl }}', hcl).ok).toBe(false);
  });
});
