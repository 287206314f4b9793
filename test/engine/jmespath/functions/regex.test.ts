import { run } from '../helpers.js';

describe('regex and wildcard functions', () => {
  test.each<[string, unknown]>([
    ["regex_match('^[1-7]$', `1`)", true],
    ["regex_match('^[1-7]$', '1')", true],
    ["regex_match('^[1-7]$', '8')", false],
    ["regex_match('[0-9]+', 'abc123')", true],
    ["regex_match('(?i)^nginx$', 'NGINX')", true],
    ["regex_match('^nginx$', 'NGINX')", false],
    ["regex_match('^[[:alpha:]]+$', 'abc')", true],
    ["regex_match('^[[:digit:]]+$', 'abc')", false],
    ["regex_match('\\\\bps\\\\b', 'ps aux')", true],
    ["regex_match('^1.5$', `1.5`)", true],
    ["regex_match('^123456790$', `123456789`)", true],
    ["regex_match('\\\\Ax\\\\z', 'x')", true],
    ["regex_replace_all('([0-9])([0-9])', 'hello im 42 months old', '${1}1')", 'hello im 41 months old'],
    ["regex_replace_all('([0-9])([0-9])', 'days_37', '${1}0')", 'days_30'],
    ["regex_replace_all('^docker.io/(.*)$', 'docker.io/nginx:latest', 'harbor.corp.org/$1')", 'harbor.corp.org/nginx:latest'],
    ["regex_replace_all('(?P<first>[a-z]+)-(?P<second>[a-z]+)', 'ab-cd', '$second-$first')", 'cd-ab'],
    ["regex_replace_all('(a)', 'a', '$1x')", ''],
    ["regex_replace_all('(a)', 'a', '$$1')", '$1'],
    ["regex_replace_all('a*', 'baaac', '-')", '-b-c-'],
    ["regex_replace_all('x*', 'abc', '-')", '-a-b-c-'],
    ["regex_replace_all('[0-9]', `12`, `3`)", '33'],
    ["regex_replace_all('h.*', '24h', '')", '24'],
    ["regex_replace_all_literal('^(\\\\d{3}-?\\\\d{2}-?\\\\d{4})$', '123-45-6789', 'redacted')", 'redacted'],
    ["regex_replace_all_literal('^[^/]+', 'docker.io/nginx', 'myregistry.corp.com')", 'myregistry.corp.com/nginx'],
    ["regex_replace_all_literal('(a)', 'a', '$1')", '$1'],
    ["pattern_match('158-7?-4*', '158-73-417')", true],
    ["pattern_match('158-7?-4*', '158-63-417')", false],
    ["pattern_match('*', '')", true],
    ["pattern_match('', '')", true],
    ["pattern_match('a?c', 'abc')", true],
    ["pattern_match('a?c', 'ac')", false],
    ["pattern_match('1*', `123`)", true],
    ["pattern_match('*.corp.com', 'app.corp.com')", true],
  ])('%s', (expression, expected) => {
    expect(run(expression)).toEqual({ value: expected });
  });

  test.each<[string, string]>([
    ["regex_match('(', 'a')", 'invalid-argument'],
    ["regex_match(`1`, 'a')", 'invalid-argument'],
    ["regex_match('a', `null`)", 'invalid-argument'],
    ["regex_replace_all('[', 'a', 'b')", 'invalid-argument'],
    ["regex_replace_all_literal('a', 'a', `true`)", 'invalid-argument'],
    ["pattern_match('a', `[1]`)", 'invalid-argument'],
  ])('%s fails with %s', (expression, code) => {
    expect(run(expression)).toMatchObject({ error: code });
  });
});
