import { parseImageReference } from '../../../src/engine/images/index.js';

const DIGEST = 'sha256:' + '0123456789abcdef'.repeat(4);

describe('parseImageReference', () => {
  test.each<[string, Record<string, unknown>]>([
    ['nginx', { registry: 'docker.io', path: 'nginx', name: 'nginx', tag: 'latest', reference: 'docker.io/nginx:latest' }],
    ['nginx:1.25', { registry: 'docker.io', path: 'nginx', name: 'nginx', tag: '1.25', reference: 'docker.io/nginx:1.25' }],
    ['library/nginx', { registry: 'docker.io', path: 'library/nginx', name: 'nginx', tag: 'latest' }],
    ['bitnami/redis:7.0', { registry: 'docker.io', path: 'bitnami/redis', name: 'redis', tag: '7.0' }],
    ['ghcr.io/kyverno/kyverno:v1.10.0', { registry: 'ghcr.io', path: 'kyverno/kyverno', name: 'kyverno', tag: 'v1.10.0', reference: 'ghcr.io/kyverno/kyverno:v1.10.0' }],
    ['localhost/app', { registry: 'localhost', path: 'app', tag: 'latest' }],
    ['localhost:5000/team/app:dev', { registry: 'localhost:5000', path: 'team/app', name: 'app', tag: 'dev' }],
    ['registry.k8s.io/pause:3.9', { registry: 'registry.k8s.io', path: 'pause', tag: '3.9' }],
    ['[::1]:5000/app', { registry: '[::1]:5000', path: 'app' }],
    ['MyRegistry/app', { registry: 'MyRegistry', path: 'app' }],
    ['my_org/my-app__x:tag_1.0-rc', { registry: 'docker.io', path: 'my_org/my-app__x', tag: 'tag_1.0-rc' }],
    [`nginx@${DIGEST}`, { registry: 'docker.io', path: 'nginx', digest: DIGEST, reference: `docker.io/nginx@${DIGEST}`, referenceWithTag: 'docker.io/nginx:' }],
    [`quay.io/org/app:1.0@${DIGEST}`, { registry: 'quay.io', path: 'org/app', tag: '1.0', digest: DIGEST, reference: `quay.io/org/app@${DIGEST}`, referenceWithTag: 'quay.io/org/app:1.0' }],
  ])('%s', (image, expected) => {
    expect(parseImageReference(image)).toMatchObject(expected);
  });

  it('has no tag when only a digest is given', () => {
    expect(parseImageReference(`nginx@${DIGEST}`)?.tag).toBeUndefined();
  });

  test.each([
    '',
    'Nginx',
    'nginx:',
    'nginx:tag with space',
    'docker.io/Nginx',
    'nginx@sha256:abc',
    'nginx@md5:0123456789abcdef0123456789abcdef',
    `nginx@sha256:${'A'.repeat(64)}`,
    '-nginx',
    'a//b',
    `x/${'a'.repeat(260)}`,
  ])('rejects %j', (image) => {
    expect(parseImageReference(image)).toBeUndefined();
  });

  it('honours the default registry settings', () => {
    expect(parseImageReference('nginx', { defaultRegistry: 'mirror.corp' })).toMatchObject({ registry: 'mirror.corp', reference: 'mirror.corp/nginx:latest' });
    expect(parseImageReference('nginx', { enableDefaultRegistryMutation: false })).toMatchObject({ registry: '', reference: 'nginx:latest' });
    expect(parseImageReference('ghcr.io/a/b', { enableDefaultRegistryMutation: false })).toMatchObject({ registry: 'ghcr.io' });
  });
});
