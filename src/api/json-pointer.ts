/** RFC 6901 JSON Pointers: the paths of JSON Patch operations, shared by the engine and the admission webhook. */

const NEEDS_ESCAPE = /[~/]/;
const NEEDS_UNESCAPE = /~[01]/;

/** `~` becomes `~0` and `/` becomes `~1` (in that order, so an escaped `/` is not escaped twice). */
export function escapePointerToken(token: string): string {
  if (!NEEDS_ESCAPE.test(token)) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * `~1` becomes `/` and `~0` becomes `~`, in one left-to-right pass so that `~01` decodes to `~1`. Any other `~`
 * sequence is kept as it is: evanphx/json-patch (which Kyverno applies patches with) is that lenient.
 */
export function unescapePointerToken(token: string): string {
  if (!NEEDS_UNESCAPE.test(token)) return token;
  return token.replace(/~[01]/g, (seq) => (seq === '~1' ? '/' : '~'));
}

/** `''` is the whole document; anything else must start with `/`. `'/'` is the one token `''` (an empty key). */
export function parsePointer(pointer: string): { ok: true; tokens: string[] } | { ok: false; message: string } {
  if (pointer === '') return { ok: true, tokens: [] };
  if (!pointer.startsWith('/')) return { ok: false, message: `JSON pointer ${JSON.stringify(pointer)} must be empty or start with "/"` };
  return { ok: true, tokens: pointer.slice(1).split('/').map(unescapePointerToken) };
}

export function formatPointer(tokens: readonly (string | number)[]): string {
  let out = '';
  for (const token of tokens) out += '/' + (typeof token === 'number' ? String(token) : escapePointerToken(token));
  return out;
}
