import type { KubeObject } from '../../src/api/kube.js';
import { createFileSnapshot, createValuesSnapshot } from '../../src/cli/file-snapshot.js';

const objects: KubeObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod', labels: { env: 'prod' } } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'prod' }, data: { k: 'v' } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'prod', labels: { app: 'web' } } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'prod', labels: { app: 'api' } } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'dev' } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'ing', namespace: 'prod' } },
];

describe('createFileSnapshot', () => {
  const snap = createFileSnapshot(objects);

  test('namespace and configMap lookups', () => {
    expect(snap.namespace('prod')).toEqual({ found: true, value: objects[0] });
    expect(snap.namespace('nope')).toMatchObject({ found: false, reason: 'not-found' });
    expect(snap.configMap('prod', 'cfg')).toEqual({ found: true, value: objects[1] });
    expect(snap.configMap('dev', 'cfg')).toMatchObject({ found: false, reason: 'not-found' });
  });

  const names = (path: string): string[] | undefined => {
    const r = snap.apiGet(path);
    if (!r.found) return undefined;
    const items = (r.value as { items?: KubeObject[] }).items;
    return items?.map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`);
  };

  test.each([
    ['/apis/apps/v1/namespaces/prod/deployments', ['prod/api', 'prod/web']],
    ['/apis/apps/v1/deployments', ['dev/web', 'prod/api', 'prod/web']],
    ['/apis/apps/v1/namespaces/prod/deployments?labelSelector=app=web', ['prod/web']],
    ['/apis/apps/v1/namespaces/qa/deployments', []],
    ['/apis/networking.k8s.io/v1/namespaces/prod/ingresses', ['prod/ing']],
    ['/apis/extensions/v1beta1/namespaces/prod/ingresses', []],
    ['/api/v1/namespaces', ['/prod']],
  ])('list %s', (path, want) => expect(names(path)).toEqual(want));

  test('get one object', () => {
    expect(snap.apiGet('/api/v1/namespaces/prod/configmaps/cfg')).toEqual({ found: true, value: objects[1] });
    expect(snap.apiGet('/api/v1/namespaces/prod')).toEqual({ found: true, value: objects[0] });
    expect(snap.apiGet('/apis/apps/v1/namespaces/prod/deployments/nope')).toMatchObject({ found: false, reason: 'not-found' });
    expect(snap.apiGet('/bogus')).toMatchObject({ found: false, reason: 'not-found' });
  });

  test('list shape', () => {
    expect(snap.apiGet('/apis/apps/v1/namespaces/dev/deployments')).toEqual({
      found: true,
      value: { apiVersion: 'apps/v1', kind: 'DeploymentList', metadata: { resourceVersion: '' }, items: [objects[4]] },
    });
  });
});

describe('createFileSnapshot identity', () => {
  test.each([
    '/apis/apps/v1/deployments',
    '/apis/apps/v1/namespaces/prod/deployments?labelSelector=app=web',
    '/apis/apps/v1/namespaces/prod/deployments/web',
    '/apis/apps/v1/namespaces/prod/deployments/missing',
  ])('the same path returns the same answer object every time: %s', (path) => {
    const snap = createFileSnapshot(objects);
    const first = snap.apiGet(path);
    expect(snap.apiGet(path)).toBe(first);
    if (first.found) expect((snap.apiGet(path) as { value: unknown }).value).toBe(first.value);
  });

  test('different paths and different snapshots give different lists', () => {
    const a = createFileSnapshot(objects);
    const b = createFileSnapshot(objects);
    const get = (s: ReturnType<typeof createFileSnapshot>, p: string): unknown => (s.apiGet(p) as { value: unknown }).value;
    expect(get(a, '/apis/apps/v1/deployments')).not.toBe(get(a, '/apis/apps/v1/namespaces/prod/deployments'));
    expect(get(a, '/apis/apps/v1/deployments')).not.toBe(get(b, '/apis/apps/v1/deployments'));
    expect(get(a, '/apis/apps/v1/deployments')).toEqual(get(b, '/apis/apps/v1/deployments'));
  });
});

describe('createValuesSnapshot', () => {
  const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod', labels: { env: 'prod' } } };
  const snap = createValuesSnapshot(new Map([['prod', ns]]));

  test('namespaces from the values file, others exist without labels', () => {
    expect(snap.namespace('prod')).toEqual({ found: true, value: ns });
    expect(snap.namespace('other')).toEqual({ found: true, value: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } } });
  });

  test('configMap and apiGet are unavailable', () => {
    expect(snap.configMap('prod', 'x')).toMatchObject({ found: false, reason: 'unavailable' });
    expect(snap.apiGet('/api/v1/namespaces')).toMatchObject({ found: false, reason: 'unavailable' });
  });
});
