import {
  anchorKey,
  formatAnchor,
  hasNestedAnchors,
  isConditionalAnchor,
  parseAnchor,
  type Anchor,
} from '../../../src/engine/anchor/index.js';

describe('parseAnchor', () => {
  it.each<[string, Anchor | undefined]>([
    ['(name)', { kind: 'condition', key: 'name' }],
    ['X(hostPath)', { kind: 'negation', key: 'hostPath' }],
    ['=(securityContext)', { kind: 'equality', key: 'securityContext' }],
    ['^(containers)', { kind: 'existence', key: 'containers' }],
    ['<(imagePullPolicy)', { kind: 'global', key: 'imagePullPolicy' }],
    ['+(memory)', { kind: 'addIfNotPresent', key: 'memory' }],
    ['(app.kubernetes.io/name)', { kind: 'condition', key: 'app.kubernetes.io/name' }],
    ['X(fluxcd.io/*)', { kind: 'negation', key: 'fluxcd.io/*' }],
    [' (name) ', { kind: 'condition', key: 'name' }],
    ['((nested))', { kind: 'condition', key: '(nested)' }],
    ['name', undefined],
    ['()', undefined],
    ['X()', undefined],
    ['(name', undefined],
    ['name)', undefined],
    ['Y(name)', undefined],
    ['x(name)', undefined],
    ['=name)', undefined],
    ['', undefined],
    [')', undefined],
  ])('%j', (key, expected) => {
    expect(parseAnchor(key)).toEqual(expected);
  });

  it.each(['(a)', 'X(b)', '=(c)', '^(d)', '<(e)', '+(f)'])('formats %s back', (key) => {
    const anchor = parseAnchor(key);
    expect(anchor).toBeDefined();
    if (anchor !== undefined) expect(formatAnchor(anchor)).toBe(key);
  });
});

describe('anchor helpers', () => {
  it.each([
    ['(a)', true],
    ['<(a)', true],
    ['=(a)', false],
    ['X(a)', false],
    ['a', false],
  ])('isConditionalAnchor(%s) = %s', (key, expected) => {
    expect(isConditionalAnchor(parseAnchor(key))).toBe(expected);
  });

  it.each([
    ['=(name)', 'name'],
    ['name', 'name'],
    ['()', '()'],
  ])('anchorKey(%s) = %s', (key, expected) => {
    expect(anchorKey(key)).toBe(expected);
  });

  it('finds anchors at any depth, filtered by kind', () => {
    const pattern = { spec: { containers: [{ image: 'x', securityContext: { 'X(privileged)': null } }] } };
    expect(hasNestedAnchors(pattern, ['negation'])).toBe(true);
    expect(hasNestedAnchors(pattern, ['condition', 'equality'])).toBe(false);
    expect(hasNestedAnchors('(a)', ['condition'])).toBe(false);
    expect(hasNestedAnchors([{ '(a)': 1 }], ['condition'])).toBe(true);
  });
});
