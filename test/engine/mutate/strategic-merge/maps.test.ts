import { strategicMerge } from '../../../../src/engine/mutate/strategic-merge/index.js';
import { dig, mergedOrError, mergeYaml, yaml } from './helpers.js';

const POD = { apiVersion: 'v1', kind: 'Pod' };

describe('strategicMerge: maps and scalars', () => {
  it.each<[string, string, string, string]>([
    [
      'adds, overrides and keeps keys',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {x: "1", y: "2"}}',
      'metadata: {labels: {y: "3", z: "4"}}',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {x: "1", y: "3", z: "4"}}',
    ],
    [
      'null deletes a key',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {x: "1", y: "2"}}',
      'metadata: {labels: {x: null}}',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {y: "2"}}',
    ],
    [
      'null on a missing key adds nothing',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}',
      'metadata: {labels: null, annotations: {a: null, b: "x"}}',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, annotations: {b: "x"}}',
    ],
    [
      'null deletes a whole subtree',
      'apiVersion: v1\nkind: Pod\nspec: {securityContext: {runAsUser: 1}, containers: [{name: c}]}',
      'spec: {securityContext: null}',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: c}]}',
    ],
    [
      'scalars are replaced, whatever their type',
      'apiVersion: v1\nkind: ConfigMap\ndata: {a: "1", b: "x"}\nimmutable: false',
      'data: {a: 2, b: true}\nimmutable: true',
      'apiVersion: v1\nkind: ConfigMap\ndata: {a: 2, b: true}\nimmutable: true',
    ],
    [
      'a null original value takes the patch',
      'apiVersion: v1\nkind: Pod\nmetadata: {labels: null}',
      'metadata: {labels: {a: b}}',
      'apiVersion: v1\nkind: Pod\nmetadata: {labels: {a: b}}',
    ],
    [
      'new subtrees drop their nulls',
      'apiVersion: v1\nkind: Pod\nspec: {}',
      'spec: {securityContext: {runAsUser: 1, runAsGroup: null}}',
      'apiVersion: v1\nkind: Pod\nspec: {securityContext: {runAsUser: 1}}',
    ],
    [
      'an empty patch changes nothing',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}',
      '{}',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}',
    ],
  ])('%s', (_name, resource, patch, expected) => {
    expect(mergedOrError(resource, patch)).toEqual(yaml(expected));
  });

  it.each<[string, string, string, string]>([
    ['map over scalar', 'apiVersion: v1\nkind: Pod\nspec: {hostname: a}', 'spec: {hostname: {x: 1}}', '/spec/hostname'],
    ['scalar over map', 'apiVersion: v1\nkind: Pod\nmetadata: {labels: {a: b}}', 'metadata: {labels: x}', '/metadata/labels'],
    ['map over list', 'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a}]}', 'spec: {containers: {name: a}}', '/spec/containers'],
    ['list over scalar', 'apiVersion: v1\nkind: Pod\nspec: {hostname: a}', 'spec: {hostname: [a]}', '/spec/hostname'],
    ['keys with slashes are escaped', 'apiVersion: v1\nkind: Pod\nmetadata: {annotations: {a/b~c: x}}', 'metadata: {annotations: {a/b~c: {y: 1}}}', '/metadata/annotations/a~1b~0c'],
  ])('kind mismatch fails like kyaml: %s', (_name, resource, patch, path) => {
    const outcome = mergeYaml(resource, patch);
    expect(outcome).toMatchObject({ ok: false, path });
    if (!outcome.ok) expect(outcome.message).toMatch(/cannot merge/);
  });

  it.each<[string, unknown, unknown]>([
    ['a list patch', { a: 1 }, [1]],
    ['a scalar patch', { a: 1 }, 'x'],
    ['a null patch', { a: 1 }, null],
    ['a non-object resource', [1], { a: 1 }],
  ])('rejects %s at the top level', (_name, original, patch) => {
    expect(strategicMerge(original, patch, POD)).toMatchObject({ ok: false, path: '/' });
  });

  it('appends new keys after the original ones, in sorted order (as kyaml does)', () => {
    const outcome = mergeYaml('apiVersion: v1\nkind: ConfigMap\ndata: {m: "1", a: "2"}', 'data: {z: "3", b: "4", m: "5"}');
    expect(outcome.ok && Object.keys((outcome.value as { data: object }).data)).toEqual(['m', 'a', 'b', 'z']);
  });

  it('never mutates its inputs and shares untouched subtrees', () => {
    const original = yaml(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: d, labels: {a: b}}
spec:
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b}}
    spec:
      containers: [{name: c1, image: x}, {name: c2, image: y}]
      volumes: [{name: v, emptyDir: {}}]
`);
    const patch = yaml('spec: {template: {spec: {containers: [{name: c2, image: z}]}}}') as Record<string, unknown>;
    const before = JSON.stringify([original, patch]);
    const outcome = strategicMerge(original, patch, { apiVersion: 'apps/v1', kind: 'Deployment' });
    expect(JSON.stringify([original, patch])).toBe(before);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const value = outcome.value;
    expect(value).not.toBe(original);
    for (const path of [['metadata'], ['spec', 'selector'], ['spec', 'template', 'metadata'], ['spec', 'template', 'spec', 'volumes']]) {
      expect(dig(value, ...path)).toBe(dig(original, ...path));
    }
    const containers = ['spec', 'template', 'spec', 'containers'];
    expect(dig(value, ...containers)).toEqual([{ name: 'c2', image: 'z' }, { name: 'c1', image: 'x' }]);
    expect(dig(value, ...containers, 1)).toBe(dig(original, ...containers, 0));
  });

  it('returns the original itself when the patch changes nothing', () => {
    const original = yaml('apiVersion: v1\nkind: Pod\nmetadata: {labels: {a: b}}\nspec: {containers: [{name: c, image: x}]}');
    const outcome = strategicMerge(original, yaml('metadata: {labels: {a: b}}\nspec: {containers: [{name: c}]}'), POD);
    expect(outcome).toEqual({ ok: true, value: original });
    expect(outcome.ok && outcome.value).toBe(original);
  });

  it('copies patch subtrees instead of aliasing them into the result', () => {
    const patch = yaml('metadata: {labels: {a: b}}') as { metadata: { labels: object } };
    const outcome = strategicMerge({ apiVersion: 'v1', kind: 'Pod' }, patch, POD);
    expect(outcome.ok && (outcome.value as { metadata: { labels: object } }).metadata.labels).not.toBe(patch.metadata.labels);
  });
});
