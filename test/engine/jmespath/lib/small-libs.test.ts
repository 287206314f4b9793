import { decodeBase64, encodeBase64, utf8Decode, utf8Encode } from '../../../../src/engine/jmespath/lib/base64.js';
import { formatFloat32, toPlainDecimal } from '../../../../src/engine/jmespath/lib/go-format.js';
import { goPathClean } from '../../../../src/engine/jmespath/lib/go-path.js';
import { goEqualFold, goReplace, goTrim } from '../../../../src/engine/jmespath/lib/go-strings.js';
import { wildcardMatch } from '../../../../src/engine/jmespath/lib/wildcard.js';

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

describe('Go number formatting', () => {
  test.each<[number, string]>([
    [1, '1'],
    [1.5, '1.5'],
    [0.1, '0.1'],
    [123456789, '123456790'],
    [1e21, '1000000000000000000000'],
    [-2.25, '-2.25'],
    [16777217, '16777216'],
  ])('float32 %s -> %s', (n, text) => {
    expect(formatFloat32(n)).toBe(text);
  });

  test.each<[string, string]>([
    ['1e+21', '1000000000000000000000'],
    ['1.5e-7', '0.00000015'],
    ['12', '12'],
  ])('plain %s -> %s', (text, plain) => {
    expect(toPlainDecimal(text)).toBe(plain);
  });
});

describe('Go strings and paths', () => {
  test.each<[string, string]>([
    ['/a//b/', '/a/b'],
    ['a/./b/../c', 'a/c'],
    ['/../a', '/a'],
    ['../../a', '../../a'],
    ['.', '.'],
    ['', '.'],
  ])('Clean(%j) = %j', (path, clean) => {
    expect(goPathClean(path)).toBe(clean);
  });

  it('replaces, trims and folds like Go', () => {
    expect(goReplace('aaaa', 'a', 'b', 2)).toBe('bbaa');
    expect(goReplace('abc', '', '.', 2)).toBe('.a.bc');
    expect(goTrim('xxhixx', 'x')).toBe('hi');
    expect(goTrim('xxxx', 'x')).toBe('');
    expect(goEqualFold('Go', 'GO')).toBe(true);
    expect(goEqualFold('Go', 'Gopher')).toBe(false);
  });
});

describe('wildcards', () => {
  test.each<[string, string, boolean]>([
    ['*', 'anything', true],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['??', 'ab', true],
    ['??', 'abc', false],
    ['*-prod', 'web-prod', true],
    ['a*', 'a', true],
    ['', 'a', false],
    ['a**', 'abc', true],
    ['*a', 'bbbba', true],
  ])('%s ~ %s = %s', (pattern, name, expected) => {
    expect(wildcardMatch(pattern, name)).toBe(expected);
  });
});
