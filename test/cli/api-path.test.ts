import { matchesSelector, parseApiPath, parseLabelSelector } from '../../src/cli/api-path.js';

describe('parseApiPath', () => {
  test.each([
    ['/api/v1/namespaces/x/configmaps/y', { group: '', version: 'v1', namespace: 'x', resource: 'configmaps', name: 'y' }],
    ['/api/v1/namespaces/x/configmaps', { group: '', version: 'v1', namespace: 'x', resource: 'configmaps' }],
    ['/apis/apps/v1/namespaces/x/deployments', { group: 'apps', version: 'v1', namespace: 'x', resource: 'deployments' }],
    ['/apis/apps/v1/deployments', { group: 'apps', version: 'v1', resource: 'deployments' }],
    ['/api/v1/namespaces', { group: '', version: 'v1', resource: 'namespaces' }],
    ['/api/v1/namespaces/prod', { group: '', version: 'v1', resource: 'namespaces', name: 'prod' }],
    ['api/v1/nodes/', { group: '', version: 'v1', resource: 'nodes' }],
  ])('%s', (p, want) => {
    const r = parseApiPath(p);
    expect(r.ok && r.value).toEqual({ labelSelector: [], ...want });
  });

  test.each([['/healthz'], ['/api/v1'], ['/api/v1/namespaces/x/pods/y/log'], ['/apis/apps']])('rejects %s', (p) => {
    expect(parseApiPath(p).ok).toBe(false);
  });

  test('label selectors', () => {
    const r = parseApiPath('/api/v1/pods?labelSelector=app%3Dweb,tier!=db,env in (prod, dev),!legacy,team&limit=5');
    expect(r.ok && r.value.labelSelector).toEqual([
      { op: 'eq', key: 'app', value: 'web' },
      { op: 'neq', key: 'tier', value: 'db' },
      { op: 'in', key: 'env', values: ['prod', 'dev'] },
      { op: 'notexists', key: 'legacy' },
      { op: 'exists', key: 'team' },
    ]);
    expect(parseLabelSelector('a notin (x)')).toEqual([{ op: 'notin', key: 'a', values: ['x'] }]);
    expect(parseLabelSelector('a ~ b')).toBeUndefined();
  });

  test.each([
    [{ app: 'web', env: 'prod', team: 't' }, true],
    [{ app: 'web', env: 'prod', team: 't', legacy: 'y' }, false],
    [{ app: 'web', env: 'qa', team: 't' }, false],
    [{ app: 'web', env: 'dev', team: 't', tier: 'db' }, false],
    [undefined, false],
  ])('matchesSelector(%j) = %s', (labels, want) => {
    const sel = parseLabelSelector('app=web,tier!=db,env in (prod,dev),!legacy,team') ?? [];
    expect(matchesSelector(labels, sel)).toBe(want);
  });
});
