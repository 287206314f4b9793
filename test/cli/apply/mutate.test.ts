/** `tollgate apply` with mutate policies: the mutated object is validated, and printed (YAML, or JSON). */
import yaml from 'js-yaml';
import { runCli as run } from '../run-cli.js';

const argv = ['apply', '--policy', 'test/fixtures/mutate-case/policy.yaml', '--resource', 'test/fixtures/mutate-case/resources.yaml'];

describe('tollgate apply with mutate rules', () => {
  test('results for both stages, then the patched resources as YAML documents', async () => {
    const r = await run(argv);
    expect(r.code).toBe(0);
    const [results, patched] = r.out.split('\n---\n');
    expect(results.trimEnd().split('\n')).toEqual([
      'PASS add-team/team-label Pod default/unlabelled: mutated Pod/unlabelled in namespace default',
      "PASS require-team/team Pod default/unlabelled: validation rule 'team' passed.",
      'SKIP add-team/team-label Pod default/labelled: no patches applied',
      "PASS require-team/team Pod default/labelled: validation rule 'team' passed.",
      'pass: 3, fail: 0, warn: 0, error: 0, skip: 1',
    ]);
    expect(patched.split('\n')[0]).toBe('# patched Pod default/unlabelled');
    expect(yaml.load(patched)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'unlabelled', namespace: 'default', labels: { team: 'platform' } },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
    });
  });

  test('--json lists the patched resources (only those a mutation changed)', async () => {
    const r = await run([...argv, '--json']);
    const out = JSON.parse(r.out) as { patchedResources: { metadata: { name: string; labels: Record<string, string> } }[]; summary: Record<string, number> };
    expect(out.patchedResources.map((o) => [o.metadata.name, o.metadata.labels])).toEqual([['unlabelled', { team: 'platform' }]]);
    expect(out.summary).toEqual({ pass: 3, fail: 0, warn: 0, error: 0, skip: 1 });
  });

  test('without mutate rules nothing extra is printed', async () => {
    const r = await run(['apply', '--policy', 'policies/require-labels.yaml', '--resource', 'test/fixtures/mutate-case/resources.yaml', '--json']);
    expect((JSON.parse(r.out) as { patchedResources: unknown[] }).patchedResources).toEqual([]);
  });
});
