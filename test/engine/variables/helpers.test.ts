import { absoluteReferencePath, formatPath, parsePath, removeAnchorsFromPath, segmentsToJmespath } from '../../../src/engine/variables/paths.js';
import { embedText } from '../../../src/engine/variables/text.js';
import { findReferences, findVariables, unescapeVariables, variableExpression } from '../../../src/engine/variables/patterns.js';

describe('embedText', () => {
  test('strings embed as themselves', () => {
    expect(embedText('a<b')).toBe('a<b');
    expect(embedText(['a<b'])).toBe('["a\\u003cb"]');
  });
});

describe('paths', () => {
  test.each<[string, string, string]>([
    ['./../../limits/memory', '/spec/containers/0/resources/requests/memory', '/spec/containers/0/resources/limits/memory'],
    ['../../limits/memory', '/spec/containers/0/resources/requests/memory', '/spec/containers/0/resources/limits/memory'],
    ['/spec/containers/0/resources/limits/memory', '/spec/x', '/spec/containers/0/resources/limits/memory'],
    ['', '/spec/containers/0/resources/requests/memory', '/spec/containers/0/resources/requests/memory'],
    ['../../../../../x', '/a/b', '/x'],
  ])('reference %s from %s', (reference, field, expected) => {
    expect(absoluteReferencePath(reference, field)).toBe(expected);
  });

  test.each<[string, string]>([
    ['/spec/^(containers)/0/(name)', '/spec/containers/0/name'],
    ['/=(a)/X(b)/+(c)/<(d)', '/a/b/c/d'],
    ['/plain/(not-closed', '/plain/(not-closed'],
  ])('removeAnchorsFromPath(%s)', (path, expected) => {
    expect(removeAnchorsFromPath(path)).toBe(expected);
  });

  test('format and parse round-trip with escaped slashes', () => {
    const segments = ['metadata', 'annotations', 'a/b', 0];
    expect(formatPath(segments)).toBe('/metadata/annotations/a\\/b/0');
    expect(parsePath(formatPath(segments))).toEqual(segments);
  });

  test('segments to JMESPath', () => {
    expect(segmentsToJmespath(['request', 'object'], ['spec', 'containers', 0, 'my-name'])).toBe('request.object.spec.containers[0]."my-name"');
  });
});

describe('patterns', () => {
  test.each<[string, string[]]>([
    ['{{a}}', ['{{a}}']],
    ['x{{ a }}y{{b}}', ['{{ a }}', '{{b}}']],
    ['{{a}}{{b}}', ['{{a}}']],
    ['\\{{a}} {{b}}', ['{{b}}']],
    ['{{ a.{{ b }} }}', ['{{ b }}']],
    ['{{ x.{k: v} }}', ['{{ x.{k: v} }}']],
    ['{ a }', []],
  ])('findVariables(%s)', (text, expected) => {
    expect(findVariables(text).map((o) => o.text)).toEqual(expected);
  });

  test.each<[string, string[]]>([
    ['$(./../a)', ['$(./../a)']],
    ['x $(./a) and \\$(b)', ['$(./a)']],
    ['$(a)$(b)', ['$(a)$(b)']],
  ])('findReferences(%s)', (text, expected) => {
    expect(findReferences(text).map((o) => o.text)).toEqual(expected);
  });

  test('expression and escapes', () => {
    expect(variableExpression('{{  request.object  }}')).toBe('request.object');
    expect(variableExpression('{{ x.{a: b}}}')).toBe('x.{a: b}');
    expect(unescapeVariables('a \\{{ b }} c')).toBe('a {{ b }} c');
  });
});
