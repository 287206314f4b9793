import { decodeBase64, encodeBase64, utf8Decode, utf8Encode } from '../../../../src/engine/jmespath/lib/base64.js';
import { goEqualFold, goReplace, goTrim } from '../../../../src/engine/jmespath/lib/go-strings.js';

describe('base64', () => {
  test.each(['', 'f', 'fo', 'foo', 'foob', 'hello wörld'])('round-trips %j', (text) => {
    const encoded = encodeBase64(utf8Encode(text));
    const decoded = decodeBase64(encoded);
    expect(decoded.ok && utf8Decode(decoded.bytes)).toBe(text);
  });

  test.each<[string, number]>([
    ['Zm9v!', 4],
    ['Zm=v', 2],
    ['Zg==Zg==', 2],
    ['Zm9', 0],
  ])('rejects %j', (text, offset) => {
    expect(decodeBase64(text)).toEqual({ ok: false, offset });
  });

  it('ignores line breaks like Go', () => {
    const decoded = decodeBase64('Zm9v\nYmFy\r\n');
    expect(decoded.ok && utf8Decode(decoded.bytes)).toBe('foobar');
  });
});

describe('Go strings', () => {
  it('replaces, trims and folds like Go', () => {
    expect(goReplace('aaaa', 'a', 'b', 2)).toBe('bbaa');
    expect(goReplace('abc', '', '.', 2)).toBe('.a.bc');
    expect(goTrim('xxhixx', 'x')).toBe('hi');
    expect(goTrim('xxxx', 'x')).toBe('');
    expect(goEqualFold('Go', 'GO')).toBe(true);
    expect(goEqualFold('Go', 'Gopher')).toBe(false);
  });
});
