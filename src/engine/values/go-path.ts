/** Go's path.Clean and filepath.Join (of one element) on slash-separated paths. */

/** path.Clean: lexical removal of `.`, `..` and doubled slashes. */
export function goPathClean(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** filepath.Join with a single element: the cleaned path, but empty stays empty. */
export function goPathJoin(path: string): string {
  return path === '' ? '' : goPathClean(path);
}
