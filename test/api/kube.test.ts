import { splitApiVersion } from '../../src/api/kube.js';

describe('splitApiVersion', () => {
  it.each([
    ['v1', { group: '', version: 'v1' }],
    ['apps/v1', { group: 'apps', version: 'v1' }],
    ['networking.k8s.io/v1beta1', { group: 'networking.k8s.io', version: 'v1beta1' }],
  ])('%s', (input, expected) => {
    expect(splitApiVersion(input)).toEqual(expected);
  });
});
