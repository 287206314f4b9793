/** A foreach pattern failure names the element's full location in the resource, not a path relative to it. */
import { EMPTY_SNAPSHOT } from '../../../../src/api/snapshot.js';
import { evaluate } from '../../../../src/engine/index.js';
import { parsePolicies } from '../../../../src/policy/index.js';
import { podCreateRequest } from '../../pod-request.js';

const text = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: p}
spec:
  rules:
  - name: tags
    match: {any: [{resources: {kinds: [Pod]}}]}
    validate:
      foreach:
      - list: request.object.spec.containers
        pattern: {image: "!*:latest"}
  - name: ports
    match: {any: [{resources: {kinds: [Pod]}}]}
    validate:
      foreach:
      - list: request.object.spec.containers
        foreach:
        - list: element.ports
          pattern: {containerPort: ">=1024"}
  - name: computed-list
    match: {any: [{resources: {kinds: [Pod]}}]}
    validate:
      foreach:
      - list: "request.object.spec.containers[?name == 'b']"
        pattern: {image: "!*:latest"}
`;

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: {
    containers: [
      { name: 'a', image: 'nginx:1.27', ports: [{ containerPort: 8080 }] },
      { name: 'b', image: 'busybox:latest', ports: [{ containerPort: 9090 }, { containerPort: 80 }] },
    ],
  },
};

const request = podCreateRequest(pod);

describe('foreach failure paths', () => {
  const { policies } = parsePolicies(text, 'p.yaml');
  const results = evaluate({ request, policies, snapshot: EMPTY_SNAPSHOT, env: { now: () => 0, random: () => 0.5 } }).policies[0].rules;
  const pathOf = (rule: string): string | undefined => {
    const r = results.find((x) => x.rule === rule);
    return r?.status === 'fail' ? r.detail?.path : undefined;
  };

  test.each([
    ['tags', '/spec/containers/1/image/'],
    ['ports', '/spec/containers/1/ports/1/containerPort/'],
    // A filtered list has no position in the resource: the path stays relative to the element.
    ['computed-list', '/image/'],
  ])('%s', (rule, path) => {
    expect(pathOf(rule)).toBe(path);
    expect(results.find((x) => x.rule === rule)?.message).toContain(`failed at path ${path}`);
  });
});
