/** policies/ingress-host-allowlist.yaml: the namespace annotation ingress-whitelist lists the hosts allowed there. */
import type { LoadedPolicy } from '../../src/api/policy.js';
import { ingress, namespaceWith, ruleOutcome } from './cross-resource-support.js';
import { shipped } from './support.js';

let policies: LoadedPolicy[];
beforeAll(async () => {
  policies = await shipped('ingress-host-allowlist.yaml');
});

const invalid = (host: string): string => `validation failure: invalid ingress host "${host}"`;

const cluster = [
  namespaceWith('shop', { 'ingress-whitelist': 'shop.example.com, *.shop.example.com,api.example.org' }),
  namespaceWith('blog', { 'ingress-whitelist': 'blog.example.com' }),
  namespaceWith('wild', { 'ingress-whitelist': '*.example.net' }),
  namespaceWith('odd', { 'ingress-whitelist': 'a|b.example.com,(.*),ok?.example.com,UPPER.example.com' }),
  namespaceWith('open'),
  namespaceWith('other-annotations', { team: 'x' }),
  namespaceWith('locked', { 'ingress-whitelist': '' }),
  namespaceWith('commas', { 'ingress-whitelist': ' , ,' }),
];

describe('ingress host allow-list', () => {
  test.each([
    ['an exact entry', 'shop', ['shop.example.com'], undefined],
    ['an entry after spaces', 'shop', ['api.example.org'], undefined],
    ['a wildcard entry, one label deep', 'shop', ['www.shop.example.com'], undefined],
    ['a wildcard entry, two labels deep', 'shop', ['a.b.shop.example.com'], undefined],
    ['a wildcard Ingress host under a wildcard entry', 'shop', ['*.shop.example.com'], undefined],
    ['several allowed hosts', 'shop', ['shop.example.com', 'www.shop.example.com', 'api.example.org'], undefined],
    ['a host that is not listed', 'shop', ['evil.example.com'], invalid('evil.example.com')],
    ['an exact entry does not cover its subdomains', 'blog', ['www.blog.example.com'], invalid('www.blog.example.com')],
    ['a wildcard entry does not cover the bare domain', 'wild', ['example.net'], invalid('example.net')],
    ['a wildcard entry does not cover a look-alike domain', 'wild', ['evil-example.net'], invalid('evil-example.net')],
    ['the second of several hosts is not listed', 'shop', ['shop.example.com', 'blog.example.com', 'www.shop.example.com'], invalid('blog.example.com')],
    ['a broader wildcard host is not let in by a narrower entry', 'shop', ['*.example.com'], invalid('*.example.com')],
    ['a host listed for another namespace only', 'shop', ['blog.example.com'], invalid('blog.example.com')],
    ['an empty annotation allows nothing', 'locked', ['anything.example.com'], invalid('anything.example.com')],
    ['? matches exactly one character', 'odd', ['ok1.example.com'], undefined],
    ['? does not match two characters', 'odd', ['ok12.example.com'], invalid('ok12.example.com')],
    ['an entry with characters no host has is ignored, not read as a regex', 'odd', ['b.example.com'], invalid('b.example.com')],
    ['an entry "(.*)" allows nothing', 'odd', ['anything.example.com'], invalid('anything.example.com')],
    ['a dot in an entry is a literal dot', 'shop', ['shopxexample.com'], invalid('shopxexample.com')],
    ['matching is case-sensitive', 'odd', ['upper.example.com'], invalid('upper.example.com')],
    ['an annotation of only commas allows nothing', 'commas', ['anything.example.com'], invalid('anything.example.com')],
  ])('%s', (_label, ns, hosts, denied) => {
    const out = ruleOutcome(policies, ingress(ns, 'web', hosts), cluster);
    if (denied === undefined) expect(out).toMatchObject({ status: 'pass', rule: 'host-in-namespace-allowlist' });
    else expect(out).toMatchObject({ status: 'fail', message: denied });
  });

  test.each(['open', 'other-annotations'])('namespace %s without the annotation: no restriction', (ns) => {
    expect(ruleOutcome(policies, ingress(ns, 'web', ['whatever.example.net']), cluster)).toMatchObject({ status: 'skip', message: 'preconditions not met' });
  });

  test('rules without a host are not checked', () => {
    expect(ruleOutcome(policies, ingress('shop', 'web', [undefined, 'shop.example.com']), cluster)).toMatchObject({ status: 'pass' });
    expect(ruleOutcome(policies, ingress('shop', 'web', [undefined]), cluster)).toBeUndefined();
  });

  test('UPDATE is checked like CREATE, DELETE is not matched', () => {
    const old = ingress('shop', 'web', ['shop.example.com']);
    expect(ruleOutcome(policies, ingress('shop', 'web', ['shop.example.com', 'x.example.com']), cluster, 'UPDATE', old)).toMatchObject({ status: 'fail', message: invalid('x.example.com') });
    expect(ruleOutcome(policies, ingress('shop', 'web', ['www.shop.example.com']), cluster, 'UPDATE', old)).toMatchObject({ status: 'pass' });
    expect(ruleOutcome(policies, ingress('shop', 'web', ['x.example.com']), cluster, 'DELETE')).toBeUndefined();
  });

  test('a namespace missing from the cluster is an error, not an allow', () => {
    expect(ruleOutcome(policies, ingress('ghost', 'web', ['x.example.com']), cluster)).toMatchObject({ status: 'error' });
  });
});
