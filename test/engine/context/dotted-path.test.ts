import { withPath, withPaths } from '../../../src/engine/context/dotted-path.js';

describe('withPath', () => {
  it('sets nested keys and creates missing maps', () => {
    expect(withPath({}, 'a.b.c', 1)).toEqual({ a: { b: { c: 1 } } });
  });

  it('replaces a scalar on the way with a map', () => {
    expect(withPath({ a: 'x' }, 'a.b', 2)).toEqual({ a: { b: 2 } });
  });

  it('never mutates the input (copy on write) and shares untouched branches', () => {
    const other = { keep: true };
    const root = { request: { operation: 'CREATE', object: { x: 1 } }, other };
    const out = withPath(root, 'request.operation', 'UPDATE');
    expect(root.request.operation).toBe('CREATE');
    expect(out).toEqual({ request: { operation: 'UPDATE', object: { x: 1 } }, other });
    expect(out.other).toBe(other);
  });
});

describe('withPaths', () => {
  it('applies pairs in order so later keys win', () => {
    expect(withPaths({}, { 'a.b': 1, a: { c: 2 }, 'a.d': 3 })).toEqual({ a: { c: 2, d: 3 } });
  });

  it('returns the same object when there is nothing to apply', () => {
    const root = { a: 1 };
    expect(withPaths(root, undefined)).toBe(root);
  });
});
