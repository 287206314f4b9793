import { parseUserInfoFile } from '../../../src/cli/inputs/userinfo-file.js';

describe('parseUserInfoFile', () => {
  test('roles, clusterRoles and userInfo', () => {
    const r = parseUserInfoFile({
      apiVersion: 'cli.kyverno.io/v1alpha1',
      kind: 'UserInfo',
      metadata: { name: 'u' },
      clusterRoles: ['cluster-admin'],
      roles: ['ns1:dev'],
      userInfo: { username: 'molybdenum@somecorp.com', groups: ['team'], extra: { scope: 'one' } },
    });
    expect(r).toEqual({
      ok: true,
      value: {
        userInfo: { username: 'molybdenum@somecorp.com', groups: ['team'], extra: { scope: ['one'] } },
        roles: { roles: ['ns1:dev'], clusterRoles: ['cluster-admin'] },
      },
    });
  });

  test('empty file gives an anonymous request', () => {
    expect(parseUserInfoFile({ kind: 'UserInfo' })).toEqual({ ok: true, value: { userInfo: {}, roles: { roles: [], clusterRoles: [] } } });
  });

  test.each([
    { raw: 'x', error: 'u: expected a mapping' },
    { raw: { roles: {} }, error: 'u.roles: expected a list of strings' },
    { raw: { userInfo: [] }, error: 'u.userInfo: expected a mapping' },
    { raw: { userInfo: { groups: [1] } }, error: 'u.userInfo.groups[0]: expected a string' },
  ])('rejects $error', ({ raw, error }) => {
    expect(parseUserInfoFile(raw, 'u')).toEqual({ ok: false, error });
  });
});
