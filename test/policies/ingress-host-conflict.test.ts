/** policies/ingress-host-conflict.yaml: a host used by an Ingress of another namespace is denied. */
import type { LoadedPolicy } from '../../src/api/policy.js';
import { createFileSnapshot } from '../../src/cli/file-snapshot.js';
import { ingress, ruleOutcome } from './cross-resource-support.js';
import { shipped } from './support.js';

let policies: LoadedPolicy[];
beforeAll(async () => {
  policies = await shipped('ingress-host-conflict.yaml');
});

const conflict = (host: string, owner: string): string => `validation failure: invalid ingress host "${host}" (conflicts with ${owner})`;

const cluster = [
  ingress('team-a', 'shop', ['shop.example.com', 'cart.example.com']),
  ingress('team-a', 'shop-admin', ['admin.example.com']),
  ingress('team-b', 'blog', ['blog.example.com', undefined]),
  ingress('team-c', 'wild', ['*.apps.example.com']),
  ingress('team-d', 'default-backend', [undefined]),
];

describe('ingress host conflict', () => {
  test.each([
    ['a new host', 'team-x', ['new.example.com'], undefined],
    ['a host used in the same namespace by another Ingress', 'team-a', ['shop.example.com'], undefined],
    ['several hosts all owned by the same namespace', 'team-a', ['cart.example.com', 'admin.example.com', 'shop.example.com'], undefined],
    ['a host of another namespace', 'team-x', ['blog.example.com'], conflict('blog.example.com', 'team-b/blog')],
    ['the second rule conflicts', 'team-b', ['blog.example.com', 'cart.example.com'], conflict('cart.example.com', 'team-a/shop')],
    ['a wildcard host is compared as text', 'team-x', ['*.apps.example.com'], conflict('*.apps.example.com', 'team-c/wild')],
    ['a concrete host under another namespace wildcard is not a conflict', 'team-x', ['x.apps.example.com'], undefined],
    ['the same host twice in one Ingress, both new', 'team-x', ['twice.example.com', 'twice.example.com'], undefined],
  ])('%s', (_label, ns, hosts, denied) => {
    const out = ruleOutcome(policies, ingress(ns, 'candidate', hosts), cluster);
    if (denied === undefined) expect(out).toMatchObject({ status: 'pass', rule: 'unique-host-across-namespaces' });
    else expect(out).toMatchObject({ status: 'fail', message: denied });
  });

  test('rules without a host are ignored: an Ingress with none produces no result', () => {
    expect(ruleOutcome(policies, ingress('team-x', 'catch-all', [undefined]), cluster)).toBeUndefined();
  });

  test('UPDATE of the same Ingress keeps its hosts and may add new ones', () => {
    const old = cluster[0];
    const updated = ingress('team-a', 'shop', ['shop.example.com', 'cart.example.com', 'new.example.com']);
    expect(ruleOutcome(policies, updated, cluster, 'UPDATE', old)).toMatchObject({ status: 'pass' });
  });

  test('UPDATE adding a host of another namespace is denied', () => {
    const updated = ingress('team-a', 'shop', ['shop.example.com', 'blog.example.com']);
    expect(ruleOutcome(policies, updated, cluster, 'UPDATE', cluster[0])).toMatchObject({ status: 'fail', message: conflict('blog.example.com', 'team-b/blog') });
  });

  test('DELETE is not matched', () => {
    expect(ruleOutcome(policies, ingress('team-x', 'gone', ['blog.example.com']), cluster, 'DELETE')).toBeUndefined();
  });

  test('a conflict that already exists is found from either end of the namespace order', () => {
    // legacy.example.com is already used in three namespaces; a new Ingress in any of them still conflicts.
    const legacy = [ingress('team-a', 'one', ['legacy.example.com']), ingress('team-m', 'two', ['legacy.example.com']), ingress('team-z', 'three', ['legacy.example.com'])];
    const candidate = (ns: string) => ruleOutcome(policies, ingress(ns, 'candidate', ['legacy.example.com']), legacy);
    expect(candidate('team-a')).toMatchObject({ status: 'fail', message: conflict('legacy.example.com', 'team-z/three') });
    expect(candidate('team-z')).toMatchObject({ status: 'fail', message: conflict('legacy.example.com', 'team-a/one') });
    expect(candidate('team-m')).toMatchObject({ status: 'fail', message: conflict('legacy.example.com', 'team-a/one') });
  });

  test('an UPDATE that leaves a pre-existing conflict as it was is skipped, as Kyverno does', () => {
    const legacy = [ingress('team-a', 'one', ['legacy.example.com']), ingress('team-z', 'three', ['legacy.example.com'])];
    const relabelled = { ...legacy[0], metadata: { ...legacy[0].metadata, labels: { touched: 'yes' } } };
    expect(ruleOutcome(policies, relabelled, legacy, 'UPDATE', legacy[0])).toMatchObject({ status: 'skip' });
  });

  test('an empty cluster allows everything', () => {
    expect(ruleOutcome(policies, ingress('team-x', 'first', ['a.example.com', 'b.example.com']), [])).toMatchObject({ status: 'pass' });
  });

  test('the same snapshot answers many reviews consistently (the host map is shared between them)', () => {
    const snapshot = createFileSnapshot(cluster);
    for (let i = 0; i < 3; i++) {
      expect(ruleOutcome(policies, ingress('team-x', `c${i}`, ['blog.example.com']), snapshot)).toMatchObject({ status: 'fail', message: conflict('blog.example.com', 'team-b/blog') });
      expect(ruleOutcome(policies, ingress('team-b', `c${i}`, ['blog.example.com']), snapshot)).toMatchObject({ status: 'pass' });
    }
  });
});
