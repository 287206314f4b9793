#!/usr/bin/env node
/** The `tollgate` command line: dispatches to the commands; `main` takes argv and I/O so tests can run it in-process. */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { EngineEnv } from '../api/env.js';
import { runApplyCommand } from './apply/command.js';
import { runCertsCommand } from './certs/index.js';
import { COMMAND_HELP, MAIN_HELP } from './help.js';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './io.js';
import { runReportCommand } from './report/command.js';
import { runReviewCommand } from './review/command.js';
import { runScanCommand } from './scan/command.js';
import { runServeCommand } from './serve/command.js';
import { systemEnv } from './run/env.js';
import { runTestCommand } from './test/command.js';
import { runWebhookConfigCommand } from './webhook-config/index.js';

type Command = (argv: readonly string[], io: CliIo, env: EngineEnv) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  test: runTestCommand,
  apply: runApplyCommand,
  certs: runCertsCommand,
  review: runReviewCommand,
  serve: runServeCommand,
  'webhook-config': runWebhookConfigCommand,
  scan: runScanCommand,
  report: runReportCommand,
};

const wantsHelp = (argv: readonly string[]): boolean => argv.includes('--help') || argv.includes('-h');

export async function main(argv: readonly string[], io: CliIo, env: EngineEnv = systemEnv): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.stdout(MAIN_HELP);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === 'help') {
    const topic = rest[0];
    if (topic === undefined) io.stdout(MAIN_HELP);
    else if (COMMAND_HELP[topic]) io.stdout(COMMAND_HELP[topic]);
    else {
      io.stderr(`tollgate: unknown command: ${topic} (see 'tollgate --help')\n`);
      return EXIT_USAGE;
    }
    return EXIT_OK;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(`tollgate: unknown command: ${name} (see 'tollgate --help')\n`);
    return EXIT_USAGE;
  }
  // `--` ends the flags, so a later `--help` there is a value, not a request for help.
  const end = rest.indexOf('--');
  if (wantsHelp(end < 0 ? rest : rest.slice(0, end))) {
    io.stdout(COMMAND_HELP[name]);
    return EXIT_OK;
  }
  try {
    return await command(rest, io, env);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`tollgate ${name}: ${err.message}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
}

function readProcessStdin(): Promise<string> {
  // A terminal is not a piped review: answer "no document" instead of waiting for input forever.
  if (process.stdin.isTTY) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: readProcessStdin,
    cwd: process.cwd(),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`tollgate: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 70;
    },
  );
}
