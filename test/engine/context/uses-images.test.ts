/** The `images` variable is built only when one of the request's policies may read it, and then it is all there. */
import { EMPTY_SNAPSHOT } from '../../../src/api/snapshot.js';
import { anyReadsImages, readsImages } from '../../../src/engine/context/uses-images.js';
import { evaluate } from '../../../src/engine/index.js';
import { parsePolicies } from '../../../src/policy/index.js';
import { podCreateRequest } from '../pod-request.js';

const load = (name: string, message: string) => {
  const { policies, errors } = parsePolicies(
    `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: ${name}}
spec:
  validationFailureAction: Enforce
  rules:
  - name: r
    match: {any: [{resources: {kinds: [Pod]}}]}
    validate:
      message: "${message}"
      deny: {}
`,
    `${name}.yaml`,
  );
  expect(errors).toEqual([]);
  return policies[0];
};

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'web', image: 'ghcr.io/acme/web:1.2' }] } };
const env = { now: () => 0, random: () => 0.5 };

describe('readsImages', () => {
  const withImages = load('tags', 'tag {{ images.containers.web.tag }}');
  const without = load('plain', 'name {{ request.object.metadata.name }}');

  test('tells the policies that mention images from the others', () => {
    expect(readsImages(withImages)).toBe(true);
    expect(readsImages(without)).toBe(false);
    expect(anyReadsImages([without, withImages])).toBe(true);
    expect(anyReadsImages([without])).toBe(false);
    const pss = parsePolicies(
      `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: pss}
spec:
  rules:
  - name: r
    match: {any: [{resources: {kinds: [Pod]}}]}
    validate:
      podSecurity:
        level: restricted
        version: latest
        exclude: [{controlName: Capabilities, images: ['ghcr.io/acme/*']}]
`,
      'pss.yaml',
    ).policies[0];
    expect(readsImages(pss)).toBe(false);
  });

  test('a policy reading images sees them, also behind one that does not', () => {
    const result = evaluate({ request: podCreateRequest(pod), policies: [without, withImages], snapshot: EMPTY_SNAPSHOT, env });
    expect(result.policies.map((p) => p.rules[0].message)).toEqual(['name p', 'tag 1.2']);
  });

  test('without such a policy the context has no images: a variable naming it elsewhere would not resolve', () => {
    // `images` is not in this policy's text, so the context is built without it (what `keys(@)` shows).
    const keysPolicy = load('keys', "{{ keys(@) | sort(@) | join(',', @) }}");
    const result = evaluate({ request: podCreateRequest(pod), policies: [keysPolicy], snapshot: EMPTY_SNAPSHOT, env });
    expect(result.policies[0].rules[0].message).not.toContain('images');
    const both = evaluate({ request: podCreateRequest(pod), policies: [keysPolicy, withImages], snapshot: EMPTY_SNAPSHOT, env });
    expect(both.policies[0].rules[0].message).toContain('images');
  });
});
