import { goPathClean, goPathJoin } from '../../../src/engine/values/index.js';

describe('goPathClean', () => {
  test.each<[string, string]>([
    ['/a//b/', '/a/b'],
    ['a/./b/../c', 'a/c'],
    ['a/./b//c/', 'a/b/c'],
    ['/../a', '/a'],
    ['/..', '/'],
    ['../../a', '../../a'],
    ['../a/..', '..'],
    ['.', '.'],
    ['', '.'],
  ])('Clean(%j) = %j', (path, clean) => {
    expect(goPathClean(path)).toBe(clean);
  });

  test.each<[string, string]>([
    ['', ''],
    ['a//b/../c/', 'a/c'],
    ['/x/./y', '/x/y'],
  ])('Join(%j) = %j', (path, joined) => {
    expect(goPathJoin(path)).toBe(joined);
  });
});
