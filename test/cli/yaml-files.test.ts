import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expandYamlPaths, parseYamlDocuments, readYamlFile } from '../../src/cli/yaml-files.js';

describe('parseYamlDocuments', () => {
  test('multi-document, empty documents dropped, timestamps stay strings, merge keys work', () => {
    const r = parseYamlDocuments('---\na: 1\n---\n---\nt: 2020-05-01T03:15:12-07:00\nbase: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n', 'f.yaml');
    expect(r).toEqual({
      ok: true,
      documents: [
        { file: 'f.yaml', index: 1, value: { a: 1 } },
        { file: 'f.yaml', index: 2, value: { t: '2020-05-01T03:15:12-07:00', base: { x: 1 }, m: { x: 1, y: 2 } } },
      ],
    });
  });

  test('duplicate keys: the last wins (Go decoder behaviour)', () => {
    expect(parseYamlDocuments('a: 1\na: 2\n', 'f')).toEqual({ ok: true, documents: [{ file: 'f', index: 1, value: { a: 2 } }] });
  });

  test('errors name the file and line', () => {
    const r = parseYamlDocuments('a: 1\nb: [x\nc: 2\n', 'bad.yaml');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^bad\.yaml:\d+: invalid YAML: /);
  });
});

describe('files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-cli-'));
  mkdirSync(path.join(dir, 'sub'));
  writeFileSync(path.join(dir, 'b.yaml'), 'kind: B\n');
  writeFileSync(path.join(dir, 'a.yml'), 'kind: A\n');
  writeFileSync(path.join(dir, 'sub', 'c.json'), '{"kind": "C"}');
  writeFileSync(path.join(dir, 'notes.txt'), 'x');
  mkdirSync(path.join(dir, 'empty'));

  test('directories expand to YAML/JSON files in name order, recursively', async () => {
    const files = await expandYamlPaths([dir, path.join(dir, 'b.yaml')], '/');
    expect(files.map((f) => path.relative(dir, f))).toEqual(['a.yml', 'b.yaml', path.join('sub', 'c.json')]);
  });

  test('relative paths resolve against cwd', async () => {
    expect(await expandYamlPaths(['b.yaml'], dir)).toEqual([path.join(dir, 'b.yaml')]);
  });

  test.each([
    { paths: ['missing.yaml'], error: 'missing.yaml: file or directory not found' },
    { paths: ['empty'], error: 'empty: directory holds no .yaml, .yml or .json file' },
  ])('$error', async ({ paths, error }) => {
    await expect(expandYamlPaths(paths, dir)).rejects.toThrow(error);
  });

  test('readYamlFile: missing file', async () => {
    await expect(readYamlFile(path.join(dir, 'nope.yaml'))).rejects.toThrow(/nope\.yaml: file not found/);
  });
});
