/** Runs the CLI in-process through `main`, with captured output, fixed stdin and a fixed clock. */
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export const root = process.cwd();
export const fixedEnv = { now: () => Date.UTC(2024, 0, 1), random: () => 0.5 };

export async function runCli(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: () => Promise.resolve(stdin), cwd: root };
  const code = await main(argv, io, fixedEnv);
  return { code, out, err };
}
