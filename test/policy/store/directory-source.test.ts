/** The directory source against a real temporary directory and node:fs events. */
import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DirectorySource, directorySource } from '../../../src/policy/store/index.js';
import type { PolicyLoadError } from '../../../src/policy/index.js';

function policyYaml(name: string, action = 'Enforce'): string {
  return `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: ${name}
spec:
  validationFailureAction: ${action}
  rules:
    - name: check
      match:
        any:
          - resources:
              kinds: [ConfigMap]
      validate:
        message: need a label
        pattern:
          metadata:
            labels:
              app: "?*"
`;
}

const BROKEN_SCHEMA = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: a
spec:
  rules:
    - name: check
      validate:
        message: no match block
`;

let dir: string;
let source: DirectorySource;
let changes: number;
let reported: (readonly PolicyLoadError[])[];

function summary(): { keys: string[]; actions: string[]; errors: string[] } {
  const c = source.current();
  return {
    keys: c.policies.map((p) => p.key).sort(),
    actions: c.policies.map((p) => `${p.key}:${p.policy.spec.validationFailureAction}`).sort(),
    errors: [...new Set(c.errors.map((e) => `${path.basename(e.file)} ${e.kind}`))],
  };
}

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`condition not met in time: ${JSON.stringify(summary())}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tollgate-dir-source-'));
  changes = 0;
  reported = [];
});
afterEach(async () => {
  await source?.close();
  await rm(dir, { recursive: true, force: true });
});

async function startSource(debounceMs = 30): Promise<void> {
  source = directorySource(dir, { debounceMs, onError: (errors) => reported.push(errors) });
  source.onChange(() => changes++);
  await source.start();
  // The initial load is a change too (the store picks it up that way); count the ones after it.
  expect(changes).toBe(1);
  changes = 0;
}

describe('directorySource', () => {
  it('loads the initial files (nested too) and is ready', async () => {
    await writeFile(path.join(dir, 'a.yaml'), policyYaml('a'));
    await mkdir(path.join(dir, 'sub'));
    await writeFile(path.join(dir, 'sub', 'b.yml'), policyYaml('b'));
    await writeFile(path.join(dir, 'notes.txt'), 'not a policy');
    source = directorySource(dir);
    expect(source.ready()).toBe(false);
    await source.start();
    expect(source.ready()).toBe(true);
    expect(summary()).toEqual({ keys: ['a', 'b'], actions: ['a:Enforce', 'b:Enforce'], errors: [] });
  });

  it('follows add, edit, break, fix and delete of files', async () => {
    await writeFile(path.join(dir, 'a.yaml'), policyYaml('a'));
    await startSource();
    const steps: [string, () => Promise<void>, ReturnType<typeof summary>][] = [
      ['add b', () => writeFile(path.join(dir, 'b.yaml'), policyYaml('b')), { keys: ['a', 'b'], actions: ['a:Enforce', 'b:Enforce'], errors: [] }],
      ['edit a', () => writeFile(path.join(dir, 'a.yaml'), policyYaml('a', 'Audit')), { keys: ['a', 'b'], actions: ['a:Audit', 'b:Enforce'], errors: [] }],
      // A broken edit keeps a's last good version (Audit) and reports the schema error.
      ['break a', () => writeFile(path.join(dir, 'a.yaml'), BROKEN_SCHEMA), { keys: ['a', 'b'], actions: ['a:Audit', 'b:Enforce'], errors: ['a.yaml schema'] }],
      ['yaml error in b', () => writeFile(path.join(dir, 'b.yaml'), 'kind: [unclosed\n'), { keys: ['a', 'b'], actions: ['a:Audit', 'b:Enforce'], errors: ['a.yaml schema', 'b.yaml yaml'] }],
      ['fix a', () => writeFile(path.join(dir, 'a.yaml'), policyYaml('a', 'Enforce')), { keys: ['a', 'b'], actions: ['a:Enforce', 'b:Enforce'], errors: ['b.yaml yaml'] }],
      ['delete b', () => unlink(path.join(dir, 'b.yaml')), { keys: ['a'], actions: ['a:Enforce'], errors: [] }],
    ];
    for (const [label, act, expected] of steps) {
      const before = changes;
      await act();
      await until(() => changes > before);
      expect({ label, ...summary() }).toEqual({ label, ...expected });
    }
    // onError saw each new error set, with the reason.
    expect(reported.map((r) => [...new Set(r.map((e) => path.basename(e.file)))])).toEqual([['a.yaml'], ['a.yaml', 'b.yaml'], ['b.yaml']]);
    expect(reported[0][0].message).toMatch(/a\.yaml#1 spec\.rules\[0\]/);
  });

  it('a new file broken from the start serves the documents that did load', async () => {
    await startSource();
    await writeFile(path.join(dir, 'multi.yaml'), `${policyYaml('good')}---\n${BROKEN_SCHEMA}`);
    await until(() => changes > 0);
    expect(summary()).toEqual({ keys: ['good'], actions: ['good:Enforce'], errors: ['multi.yaml schema'] });
  });

  it('debounces a burst of writes into one reload', async () => {
    await startSource(150);
    for (let i = 0; i < 5; i++) {
      await writeFile(path.join(dir, `p${i}.yaml`), policyYaml(`p${i}`));
      await new Promise((r) => setTimeout(r, 20));
    }
    await until(() => changes > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(changes).toBe(1);
    expect(summary().keys).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
  });

  it('a rewrite with identical content is not a change', async () => {
    await writeFile(path.join(dir, 'a.yaml'), policyYaml('a'));
    await startSource();
    const first = source.current();
    await writeFile(path.join(dir, 'a.yaml'), policyYaml('a'));
    await new Promise((r) => setTimeout(r, 200));
    await source.reload();
    expect(changes).toBe(0);
    expect(source.current()).toBe(first);
  });

  it('a missing directory is reported, not thrown, and the source is still ready', async () => {
    source = directorySource(path.join(dir, 'absent'));
    await source.start();
    expect(source.ready()).toBe(true);
    expect(source.current().policies).toEqual([]);
    expect(source.current().errors.map((e) => e.kind)).toContain('io');
  });

  it('keeps every policy when the directory itself disappears', async () => {
    const inner = path.join(dir, 'policies');
    await mkdir(inner);
    await writeFile(path.join(inner, 'a.yaml'), policyYaml('a'));
    source = directorySource(inner, { debounceMs: 30 });
    await source.start();
    await rm(inner, { recursive: true });
    await source.reload();
    expect(source.current().policies.map((p) => p.key)).toEqual(['a']);
    expect(source.current().errors.map((e) => e.reason)).toContain('no such file or directory');
  });
});
