/** What a command may touch of the process: output streams, stdin and the working directory, injected for tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  cwd: string;
}

/** Exit codes: 0 success, 1 a policy or test failure, 2 a usage or input error. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/**
 * An input problem the user must fix (unknown flag, missing file, bad YAML).
 * Commands throw it at the edge; `main` turns it into one stderr line and exit code 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
