/** Strict standard base64 (Go's base64.StdEncoding): padding required, no stray characters except CR/LF. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** Decodes, or returns undefined with the offset of the first illegal byte, like Go's CorruptInputError. */
export function decodeBase64(text: string): { ok: true; bytes: Uint8Array } | { ok: false; offset: number } {
  const clean = text.replace(/[\r\n]/g, '');
  if (clean.length % 4 !== 0) return { ok: false, offset: clean.length - (clean.length % 4) };
  const out: number[] = [];
  for (let i = 0; i < clean.length; i += 4) {
    const quad = clean.slice(i, i + 4);
    const pad = quad.endsWith('==') ? 2 : quad.endsWith('=') ? 1 : 0;
    if (pad > 0 && i + 4 !== clean.length) return { ok: false, offset: i + 4 - pad };
    let n = 0;
    for (let j = 0; j < 4; j++) {
      if (j >= 4 - pad) {
        n <<= 6;
        continue;
      }
      const v = LOOKUP.get(quad[j]);
      if (v === undefined) return { ok: false, offset: i + j };
      n = (n << 6) | v;
    }
    out.push((n >> 16) & 255);
    if (pad < 2) out.push((n >> 8) & 255);
    if (pad < 1) out.push(n & 255);
  }
  return { ok: true, bytes: Uint8Array.from(out) };
}

export function utf8Encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function utf8Decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}
