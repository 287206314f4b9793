import { serviceAccountOf } from '../../../src/engine/context/service-account.js';

describe('serviceAccountOf', () => {
  it.each([
    ['system:serviceaccount:kube-system:replicaset-controller', { namespace: 'kube-system', name: 'replicaset-controller' }],
    ['system:serviceaccount:ns:', { namespace: 'ns', name: '' }],
    ['kubernetes-admin', { namespace: '', name: '' }],
    ['system:serviceaccount:only-one-part', { namespace: '', name: '' }],
    [undefined, { namespace: '', name: '' }],
  ])('%s', (username, expected) => {
    expect(serviceAccountOf(username)).toEqual(expected);
  });
});
