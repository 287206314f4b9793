import { hasVariables, substituteAll } from '../../../src/engine/variables/index.js';
import { context, pod, scopeOf } from './scope.js';

const scope = scopeOf(context);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('substituteAll: documents', () => {
  test('asText: a whole-string variable gives text (Go JSON for objects), as inside a longer string', () => {
    const doc = { n: '{{ request.object.spec.replicas }}', meta: '{{ request.object.metadata.labels }}', plain: 'x' };
    const typed = substituteAll(doc, scope);
    const text = substituteAll(doc, scope, 'strict', { asText: true });
    if (!typed.ok) throw new Error(typed.message);
    const replicas = (typed.value as { n: unknown }).n;
    expect(typeof replicas).toBe('number');
    // Go's JSON encoder sorts map keys.
    expect(text.ok && text.value).toEqual({ n: String(replicas), meta: '{"app":"web","app.kubernetes.io/name":"shop","tier":"frontend"}', plain: 'x' });
  });

  test('substitutes leaves in maps and lists, keeping other values', () => {
    const rule = deepFreeze({
      validate: {
        message: 'The animal {{ request.object.metadata.labels.app }} is not allowed in {{ request.namespace }}.',
        pattern: { metadata: { labels: { app: '{{ request.object.metadata.labels.app }}', replicas: 3 } } },
        deny: { conditions: { any: [{ key: '{{ request.object.spec.replicas }}', operator: 'GreaterThan', value: 2 }] } },
      },
      flag: true,
      nothing: null,
    });
    expect(substituteAll(rule, scope)).toEqual({
      ok: true,
      value: {
        validate: {
          message: 'The animal web is not allowed in prod.',
          pattern: { metadata: { labels: { app: 'web', replicas: 3 } } },
          deny: { conditions: { any: [{ key: 3, operator: 'GreaterThan', value: 2 }] } },
        },
        flag: true,
        nothing: null,
      },
    });
  });

  test('substitutes variables in map keys, keeping key order', () => {
    const patch = deepFreeze({
      metadata: { annotations: { first: '1', 'fluentbit.io/exclude-{{request.object.spec.containers[0].name}}': 'true', last: '2' } },
    });
    const r = substituteAll(patch, scope);
    expect(r).toEqual({ ok: true, value: { metadata: { annotations: { first: '1', 'fluentbit.io/exclude-nginx': 'true', last: '2' } } } });
    if (r.ok) expect(Object.keys((r.value as typeof patch).metadata.annotations)).toEqual(['first', 'fluentbit.io/exclude-nginx', 'last']);
  });

  test('a key that resolves to a non-string fails', () => {
    const r = substituteAll({ spec: { '{{ request.object.spec.replicas }}': 'x' } }, scope);
    expect(r).toEqual({ ok: false, variable: '{{ request.object.spec.replicas }}', path: '/spec', message: 'expected string after substituting variables in key "{{ request.object.spec.replicas }}"' });
  });

  test('an unresolvable variable reports the field path', () => {
    const r = substituteAll({ metadata: { labels: { app: '{{ request.object.metadata.labels.app2 }}' } } }, scope, 'strict', { basePath: '/validate/pattern' });
    expect(r).toEqual({
      ok: false,
      variable: 'request.object.metadata.labels.app2',
      path: '/validate/pattern/metadata/labels/app',
      message: 'failed to resolve request.object.metadata.labels.app2 at path /validate/pattern/metadata/labels/app: JMESPath query failed: Unknown key "app2" in path',
    });
  });

  test('keys holding / are escaped in paths', () => {
    const r = substituteAll({ annotations: { 'a/b': [0, '{{ nope }}'] } }, scope);
    expect(r.ok ? '' : r.path).toBe('/annotations/a\\/b/1');
  });

  test('an object value is walked: its own variables are substituted', () => {
    const withTemplate = scopeOf({ ...context, tpl: { name: '{{ request.object.metadata.name }}', n: 1 } });
    expect(substituteAll({ spec: '{{ tpl }}' }, withTemplate)).toEqual({ ok: true, value: { spec: { name: 'nginx', n: 1 } } });
  });

  test('an object value is a copy, not the context object', () => {
    const r = substituteAll({ metadata: '{{ request.object.metadata }}' }, scope);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const metadata = (r.value as { metadata: typeof pod.metadata }).metadata;
    expect(metadata).toEqual(pod.metadata);
    expect(metadata).not.toBe(pod.metadata);
    expect(metadata.labels).not.toBe(pod.metadata.labels);
  });

  test('conditions resolver applies to the whole document', () => {
    const conditions = { all: [{ key: '{{ request.object.metadata.labels.nope }}', operator: 'Equals', value: '' }] };
    expect(substituteAll(conditions, scope, 'conditions')).toEqual({ ok: true, value: { all: [{ key: '', operator: 'Equals', value: '' }] } });
    expect(substituteAll(conditions, scope).ok).toBe(false);
  });
});

describe('substituteAll: fast path and purity', () => {
  test.each<[string, unknown]>([
    ['object', { a: { b: ['x', 1, null, true] } }],
    ['list', [1, 'two']],
    ['string', 'plain text with { braces }'],
    ['number', 7],
    ['null', null],
  ])('a %s without variables is returned as the same value', (_name, doc) => {
    const r = substituteAll(doc, scope);
    expect(r.ok && r.value).toBe(doc);
  });

  test('the input document is never mutated', () => {
    const doc = deepFreeze({ a: ['{{ request.namespace }}', { '{{ request.namespace }}': '{{ request.object.spec.replicas }}' }] });
    const before = JSON.stringify(doc);
    expect(substituteAll(doc, scope)).toEqual({ ok: true, value: { a: ['prod', { prod: 3 }] } });
    expect(JSON.stringify(doc)).toBe(before);
  });
});

describe('substituteAll: {{@}}', () => {
  test('reads the resource at the field position (Kyverno unit test shape)', () => {
    const doc = { mutate: { overlay: { spec: { kind: '{{@}}', name: 'ns-owner-{{request.object.metadata.name}}' } } } };
    const data = { request: { object: { metadata: { name: 'temp' }, spec: { kind: 'foo' } } } };
    expect(substituteAll(doc, scopeOf(data))).toEqual({ ok: true, value: { mutate: { overlay: { spec: { kind: 'foo', name: 'ns-owner-temp' } } } } });
  });

  test('inside a function argument, with a base path', () => {
    const data = { request: { object: { spec: { port: '443' } } } };
    const r = substituteAll({ spec: { port: "{{ length('{{@}}') }}" } }, scopeOf(data), 'strict', { basePath: '/mutate/overlay' });
    expect(r).toEqual({ ok: true, value: { spec: { port: 3 } } });
  });

  test('under foreach the position starts after the foreach entry', () => {
    const data = { request: { object: { spec: { replicas: 2 } } } };
    const r = substituteAll({ replicas: '{{@}}' }, scopeOf(data), 'strict', { basePath: '/mutate/foreach/0/patchStrategicMerge/spec' });
    expect(r).toEqual({ ok: true, value: { replicas: 2 } });
  });

  test('reads target for mutate-existing targets', () => {
    const data = { target: { data: { k: 'from-target' } }, request: { object: { data: { k: 'from-request' } } } };
    const r = substituteAll({ k: '{{ @ }}' }, scopeOf(data), 'strict', { basePath: '/mutate/patchStrategicMerge/data' });
    expect(r).toEqual({ ok: true, value: { k: 'from-target' } });
  });
});

describe('substituteAll: $( ) references', () => {
  test.each<[string, unknown, unknown]>([
    [
      'relative reference, anchors ignored',
      { metadata: { annotations: { test: '$(../../../../spec/namespace)' } }, '(spec)': { namespace: 'n1' } },
      { metadata: { annotations: { test: 'n1' } }, '(spec)': { namespace: 'n1' } },
    ],
    [
      'docs example: livenessProbe port equals readinessProbe port',
      { spec: { '^(containers)': [{ livenessProbe: { tcpSocket: { port: '$(./../../../readinessProbe/tcpSocket/port)' } }, readinessProbe: { tcpSocket: { port: '3000' } } }] } },
      { spec: { '^(containers)': [{ livenessProbe: { tcpSocket: { port: '3000' } }, readinessProbe: { tcpSocket: { port: '3000' } } }] } },
    ],
    [
      'operator prefix',
      { resources: { requests: { memory: '$(<=./../../limits/memory)' }, limits: { memory: '2048Mi' } } },
      { resources: { requests: { memory: '<=2048Mi' }, limits: { memory: '2048Mi' } } },
    ],
    [
      'operator with a number (Go %f)',
      { a: { x: '$(>./../y)', y: 3 } },
      { a: { x: '>3.000000', y: 3 } },
    ],
    [
      'absolute reference and text around it',
      { name: 'imbue', env: { value: 'rule_applied=$(/name), k8s.pod.name=\\$(POD_NAME)' } },
      { name: 'imbue', env: { value: 'rule_applied=imbue, k8s.pod.name=$(POD_NAME)' } },
    ],
    [
      'reference resolved before variables',
      { a: '{{ dictionary.data.$(./../b) }}', b: 'prod' },
      { a: 'high', b: 'prod' },
    ],
  ])('%s', (_name, doc, expected) => {
    expect(substituteAll(doc, scope)).toEqual({ ok: true, value: expected });
  });

  test.each<[string, unknown, string]>([
    ['missing target', { a: '$(./../nope)' }, 'failed to resolve $(./../nope) at path /a: got nil resolved variable $(./../nope)'],
    ['non-string target without operator', { a: '$(./../b)', b: 1 }, 'NotResolvedReferenceErr,reference $(./../b) not resolved at path /a'],
    ['empty reference', { a: '$(<)' }, 'failed to resolve $(<) at path /a: expected path, found empty reference'],
  ])('fails: %s', (_name, doc, message) => {
    const r = substituteAll(doc, scope);
    expect(r.ok ? '' : r.message).toBe(message);
  });
});

describe('hasVariables', () => {
  test.each<[string, unknown, boolean]>([
    ['plain object', { a: 'b', c: [1, 2, { d: null }] }, false],
    ['variable in a leaf', { a: ['x', '{{ y }}'] }, true],
    ['variable in a key', { '{{ y }}': 1 }, true],
    ['reference', { a: '$(./../b)' }, true],
    ['escaped variable (needs the backslash removed)', '\\{{ x }}', true],
    ['single braces', '{ x }', false],
    ['number', 3, false],
    ['null', null, false],
  ])('%s', (_name, doc, expected) => {
    expect(hasVariables(doc)).toBe(expected);
  });
});

describe('substituteAll: sharing', () => {
  test('parts without variables are the input objects, parts with variables are new', () => {
    const values = ['a', 'b'];
    const nested = { keep: { deep: [1, 2] } };
    const doc = { key: '{{ request.namespace }}', operator: 'AnyIn', value: values, nested };
    const out = substituteAll(doc, scope);
    expect(out).toEqual({ ok: true, value: { key: 'prod', operator: 'AnyIn', value: ['a', 'b'], nested: { keep: { deep: [1, 2] } } } });
    if (!out.ok) return;
    const value = out.value as typeof doc;
    expect(value).not.toBe(doc);
    expect(value.value).toBe(values);
    expect(value.nested).toBe(nested);
    expect(doc.key).toBe('{{ request.namespace }}');
  });

  test('values substituted into the document are copies, never the context objects', () => {
    const out = substituteAll({ labels: '{{ request.object.metadata.labels }}' }, scope);
    const labels = (context.request as { object: { metadata: { labels: unknown } } }).object.metadata.labels;
    expect(out.ok && (out.value as { labels: unknown }).labels).toEqual(labels);
    expect(out.ok && (out.value as { labels: unknown }).labels).not.toBe(labels);
  });

  test('a reference-only document is resolved without a variable pass', () => {
    expect(substituteAll({ a: { b: '5' }, c: '$(./../a/b)' }, scope)).toEqual({ ok: true, value: { a: { b: '5' }, c: '5' } });
  });
});
