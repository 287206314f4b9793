/** The lint rules that keep the engine pure and types precise actually fire (eslint.config.js). */
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('eslint configuration', () => {
  test.each([
    ["import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", 'no-restricted-imports'],
    ["import fastify from 'fastify';\nexport const f = fastify;\n", 'no-restricted-imports'],
    ["import { loadPolicyFiles } from '../../policy/index.js';\nexport const f = loadPolicyFiles;\n", 'no-restricted-imports'],
    ['export const t = Date.now();\n', 'no-restricted-properties'],
    ['export const r = Math.random();\n', 'no-restricted-properties'],
    ['export const d = new Date();\n', 'no-restricted-syntax'],
    ['export const e = process.env;\n', 'no-restricted-globals'],
  ])('src/engine rejects %j', async (code, rule) => {
    expect(await ruleIds(code, 'src/engine/rules/example.ts')).toContain(rule);
  });

  test('src/engine may parse dates and import api/', async () => {
    const code = "import type { EngineEnv } from '../../api/env.js';\nexport const parse = (s: string, env: EngineEnv): number => new Date(s).getTime() - env.now();\n";
    expect(await ruleIds(code, 'src/engine/rules/example.ts')).toEqual([]);
  });

  test('I/O is allowed at the edges', async () => {
    expect(await ruleIds("import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", 'src/cli/example.ts')).toEqual([]);
  });

  test('no-explicit-any is an error everywhere', async () => {
    const [result] = await eslint.lintText('export const x = (v: any): number => v;\n', { filePath: 'src/cli/example.ts' });
    expect(result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-explicit-any').map((m) => m.severity)).toEqual([2]);
  });
});
