import { expandTemplate, goRegexTest, goReplaceAll, translateGoRegex } from '../../../../src/engine/jmespath/lib/go-regex.js';

describe('Go regular expressions', () => {
  test.each<[string, string, string]>([
    ['(?i)abc', 'abc', 'i'],
    ['(?is)a.c', 'a.c', 'is'],
    ['(?P<year>\\d{4})', '(?<year>\\d{4})', ''],
    ['\\Aabc\\z', '^abc$(?![\\s\\S])', ''],
    ['[[:alpha:][:digit:]_]', '[A-Za-z0-9_]', ''],
    ['\\Qa.b*\\E+', 'a\\.b\\*+', ''],
    ['[]a]', '[\\]a]', ''],
    ['\\pL+', '\\p{L}+', 'u'],
  ])('%s -> /%s/%s', (go, source, flags) => {
    expect(translateGoRegex(go)).toEqual({ source, flags });
  });

  test.each<[string, string, boolean]>([
    ['(?i)^NGINX$', 'nginx', true],
    ['^a.c$', 'a\nc', false],
    ['(?s)^a.c$', 'a\nc', true],
    ['^[[:upper:]]+$', 'ABC', true],
    ['^[[:upper:]]+$', 'AbC', false],
    ['\\d+', 'x1', true],
  ])('%s test %j = %s', (pattern, input, expected) => {
    expect(goRegexTest(pattern, input)).toBe(expected);
  });

  it('rejects what RE2 rejects', () => {
    expect(() => goRegexTest('(?U)a+', 'a')).toThrow(SyntaxError);
    expect(() => goRegexTest('[[:nope:]]', 'a')).toThrow(SyntaxError);
    expect(() => goRegexTest('(', 'a')).toThrow(SyntaxError);
  });

  test.each<[string, string]>([
    ['$1', 'A'],
    ['${1}x', 'Ax'],
    ['$1x', ''],
    ['$name', 'B'],
    ['${name}', 'B'],
    ['$$1', '$1'],
    ['$9', ''],
    ['$', '$'],
    ['$-', '$-'],
    ['${', '${'],
  ])('expands %s', (template, expected) => {
    const m = /(?<first>A)(?<name>B)/.exec('AB');
    expect(m && expandTemplate(template, m)).toBe(expected);
  });

  test.each<[string, string, string, boolean, string]>([
    ['a', 'banana', 'o', false, 'bonono'],
    ['(an)+', 'banana', '<$0>', false, 'b<anan>a'],
    ['a*', 'baaac', '-', false, '-b-c-'],
    ['', 'ab', '-', false, '-a-b-'],
    ['(b)', 'abc', '$1$1', true, 'a$1$1c'],
  ])('ReplaceAll(%s, %s, %s, literal=%s)', (pattern, input, repl, literal, expected) => {
    expect(goReplaceAll(pattern, input, repl, literal)).toBe(expected);
  });
});
