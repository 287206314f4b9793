/** Writes PEM files atomically (temp file, then rename) so a watching server never reads half a file. */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface OutputFile {
  name: string;
  content: string;
  mode: number;
}

/** The names among `names` that already exist in `dir`. */
export async function existingFiles(dir: string, names: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const name of names) {
    try {
      await stat(path.join(dir, name));
      found.push(name);
    } catch {
      // Absent: nothing to overwrite.
    }
  }
  return found;
}

export async function writeFilesAtomically(dir: string, files: readonly OutputFile[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const file of files) {
    const target = path.join(dir, file.name);
    const temp = path.join(dir, `.${file.name}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(temp, file.content, { mode: file.mode, flag: 'wx' });
      // The umask may have narrowed the mode on creation; set it exactly.
      await chmod(temp, file.mode);
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }
}
