import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPolicyFiles } from '../../src/policy/index.js';

const policy = (name: string) => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: ${name}}
spec:
  rules:
  - name: r
    match: {any: [{resources: {kinds: [Service]}}]}
    validate: {pattern: {a: 1}}
`;

describe('loadPolicyFiles', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tollgate-policies-'));
    mkdirSync(path.join(dir, 'nested', 'deeper'), { recursive: true });
    mkdirSync(path.join(dir, '.hidden'));
    writeFileSync(path.join(dir, 'b.yaml'), policy('b'));
    writeFileSync(path.join(dir, 'a.yml'), `${policy('a1')}---\n${policy('a2')}`);
    writeFileSync(path.join(dir, 'nested', 'deeper', 'c.json'), JSON.stringify({ apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'c' }, spec: { rules: [] } }));
    writeFileSync(path.join(dir, 'nested', 'notes.txt'), policy('txt'));
    writeFileSync(path.join(dir, '.hidden', 'h.yaml'), policy('hidden'));
    writeFileSync(path.join(dir, 'bad.yaml'), 'kind: [\n');
    writeFileSync(path.join(dir, 'explicit.txt'), policy('explicit'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('walks directories recursively in name order, .yaml/.yml/.json only, skipping hidden entries', async () => {
    const { policies, errors } = await loadPolicyFiles([dir]);
    expect(policies.map((p) => p.key)).toEqual(['a1', 'a2', 'b', 'c']);
    expect(policies[3].source?.file).toBe(path.join(dir, 'nested', 'deeper', 'c.json'));
    expect(errors.map((e) => [e.kind, e.file])).toEqual([['yaml', path.join(dir, 'bad.yaml')]]);
  });

  it('reads an explicitly named file whatever its extension, and reports missing paths without stopping', async () => {
    const missing = path.join(dir, 'nope.yaml');
    const { policies, errors } = await loadPolicyFiles([missing, path.join(dir, 'explicit.txt'), path.join(dir, 'b.yaml')]);
    expect(policies.map((p) => p.key)).toEqual(['explicit', 'b']);
    expect(errors).toEqual([{ kind: 'io', file: missing, reason: 'no such file or directory', message: `${missing}: no such file or directory` }]);
  });
});

describe('loadPolicyFiles on a ConfigMap volume', () => {
  it('follows the symbolic links a ConfigMap volume mounts (key -> ..data/key), skipping the hidden ..data', async () => {
    const { symlinkSync } = await import('node:fs');
    const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-cm-volume-'));
    try {
      mkdirSync(path.join(dir, '..2026_11_23_10_00_00.123'));
      writeFileSync(path.join(dir, '..2026_11_23_10_00_00.123', 'require.yaml'), policy('from-configmap'));
      symlinkSync('..2026_11_23_10_00_00.123', path.join(dir, '..data'));
      symlinkSync(path.join('..data', 'require.yaml'), path.join(dir, 'require.yaml'));
      const { policies, errors } = await loadPolicyFiles([dir]);
      expect(errors).toEqual([]);
      expect(policies.map((p) => p.key)).toEqual(['from-configmap']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
