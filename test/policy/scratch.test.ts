import { readFileSync } from 'node:fs';
import { parsePolicies } from '../../src/policy/index.js';
test('x', () => {
  const f = '/work/shared/conformance/kyverno-policies/pod-security__restricted__disallow-capabilities-strict/disallow-capabilities-strict.yaml';
  const r = parsePolicies(readFileSync(f, 'utf8'), f);
  console.log(JSON.stringify(r.policies[0].rules, null, 1));
});
