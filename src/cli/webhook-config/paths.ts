/** Flag paths are relative to the command's working directory (injected in tests). */
import path from 'node:path';

export function resolvePath(cwd: string, file: string): string {
  return path.resolve(cwd, file);
}
