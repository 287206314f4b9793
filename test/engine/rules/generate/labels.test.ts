/** Ownership label values: valid ones as they are, others cut and suffixed with a hash. */
import { GENERATE_LABELS } from '../../../../src/api/generate.js';
import { isValidLabelValue, labelValue, ownershipLabels } from '../../../../src/engine/rules/generate/index.js';

const LONG = 'a'.repeat(70);

describe('labelValue', () => {
  test.each([
    ['', ''],
    ['team-a', 'team-a'],
    ['A.b_c-9', 'A.b_c-9'],
    ['x'.repeat(63), 'x'.repeat(63)],
  ])('%j is kept', (value, want) => {
    expect(labelValue(value)).toBe(want);
  });

  test.each([
    { value: LONG, prefix: 'a'.repeat(52) },
    { value: 'apps/v1 thing', prefix: 'apps-v1-thing' },
    { value: '-leading and trailing-', prefix: 'leading-and-trailing' },
    { value: 'ünïcödé', prefix: 'n-c-d' },
  ])('$value is cut, cleaned and hashed', ({ value, prefix }) => {
    const out = labelValue(value);
    expect(out).toMatch(new RegExp(`^${prefix}-[0-9a-f]{10}$`));
    expect(isValidLabelValue(out)).toBe(true);
  });

  test('the hash tells apart values with the same prefix, and is stable', () => {
    expect(labelValue(`${LONG}1`)).not.toBe(labelValue(`${LONG}2`));
    expect(labelValue(`${LONG}1`)).toBe(labelValue(`${LONG}1`));
  });

  test('a value with nothing usable is the hash alone', () => {
    expect(labelValue('///')).toMatch(/^[0-9a-f]{10}$/);
  });
});

describe('ownershipLabels', () => {
  const owner = { policyName: 'p', policyNamespace: '', rule: 'r', trigger: { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', namespace: 'ns', name: LONG, uid: 'u' } };

  test('keeps the object\'s own labels, replaces earlier ownership labels, sanitises values', () => {
    const labels = ownershipLabels({ app: 'x', 'app.kubernetes.io/managed-by': 'helm', [GENERATE_LABELS.policyName]: 'old', [GENERATE_LABELS.cloneSource]: '' }, owner);
    expect(labels.app).toBe('x');
    expect(labels['app.kubernetes.io/managed-by']).toBe('tollgate');
    expect(labels[GENERATE_LABELS.policyName]).toBe('p');
    expect(labels[GENERATE_LABELS.cloneSource]).toBeUndefined();
    expect(labels[GENERATE_LABELS.triggerApiVersion]).toBe('cert-manager.io-v1');
    expect(labels[GENERATE_LABELS.triggerName]).toBe(labelValue(LONG));
    expect(Object.values(labels).every(isValidLabelValue)).toBe(true);
  });

  test('source labels only for clones', () => {
    expect(ownershipLabels(undefined, owner)[GENERATE_LABELS.sourceName]).toBeUndefined();
    expect(ownershipLabels(undefined, owner, { apiVersion: 'v1', kind: 'Secret', name: 's' })).toMatchObject({
      [GENERATE_LABELS.sourceApiVersion]: 'v1',
      [GENERATE_LABELS.sourceKind]: 'Secret',
      [GENERATE_LABELS.sourceNamespace]: '',
      [GENERATE_LABELS.sourceName]: 's',
    });
  });
});
