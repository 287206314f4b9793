import type { KubeObject } from '../../../src/api/kube.js';
import { buildRequest, operationFromValues, setDotted } from '../../../src/cli/run/request.js';

const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', labels: { a: '1' } }, spec: { containers: [] } };
const deploy: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' } };

describe('request building', () => {
  test.each([
    [{}, 'CREATE'], [{ 'request.operation': 'UPDATE' }, 'UPDATE'], [{ 'request.operation': 'DELETE' }, 'DELETE'],
    [{ 'request.operation': 'update' }, 'CREATE'], [{ 'request.operation': 'CONNECT' }, 'CREATE'],
  ])('operation of %j is %s', (values, op) => expect(operationFromValues(values)).toBe(op));

  test('setDotted merges maps and copies', () => {
    const root = { a: { b: 1, c: { d: 2 } } };
    expect(setDotted(root, 'a.c.e', 3)).toEqual({ a: { b: 1, c: { d: 2, e: 3 } } });
    expect(setDotted(root, 'x.y', 'z')).toEqual({ a: { b: 1, c: { d: 2 } }, x: { y: 'z' } });
    expect(root).toEqual({ a: { b: 1, c: { d: 2 } } });
  });

  test('CREATE: object only, GVK/GVR from the resource', () => {
    const r = buildRequest(deploy, { uid: 'u1', userInfo: { username: 'alice' }, values: {} });
    expect(r).toEqual({
      uid: 'u1',
      kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      resource: { group: 'apps', version: 'v1', resource: 'deployments' },
      operation: 'CREATE',
      userInfo: { username: 'alice' },
      name: 'd',
      namespace: 'default',
      object: deploy,
    });
  });

  test('UPDATE: object and oldObject are the resource', () => {
    const r = buildRequest(pod, { uid: 'u', userInfo: {}, values: { 'request.operation': 'UPDATE' } });
    expect([r.operation, r.object, r.oldObject]).toEqual(['UPDATE', pod, pod]);
  });

  test('DELETE: only oldObject', () => {
    const r = buildRequest(pod, { uid: 'u', userInfo: {}, values: { 'request.operation': 'DELETE' } });
    expect(r.operation).toBe('DELETE');
    expect(r.object).toBeUndefined();
    expect(r.oldObject).toEqual(pod);
  });

  test('request.object / request.oldObject values override fields', () => {
    const r = buildRequest(pod, {
      uid: 'u',
      userInfo: {},
      values: { 'request.operation': 'UPDATE', 'request.object.metadata.labels.b': '2', 'request.oldObject.metadata.labels.a': 'old', 'request.namespace': 'x' },
    });
    expect(r.object).toEqual({ ...pod, metadata: { ...pod.metadata, labels: { a: '1', b: '2' } } });
    expect(r.oldObject).toEqual({ ...pod, metadata: { ...pod.metadata, labels: { a: 'old' } } });
    expect(pod.metadata.labels).toEqual({ a: '1' });
    expect(r.namespace).toBe('ns');
  });

  test('cluster-scoped resource has no namespace', () => {
    const r = buildRequest({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } }, { uid: 'u', userInfo: {}, values: {} });
    expect(r.namespace).toBeUndefined();
    expect(r.resource).toEqual({ group: '', version: 'v1', resource: 'namespaces' });
  });
});
