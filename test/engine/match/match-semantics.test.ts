/** The combinators and field semantics of match / exclude (any, all, legacy, empty filters, user info, subresources). */
import type { MatchResources } from '../../../src/api/policy.js';
import { matchRule, matchesFilter, topLevelKind, type MatchInput } from '../../../src/engine/match/index.js';
import { input, obj, rule } from './helpers.js';

const pod = (name: string, namespace: string, meta: Record<string, unknown> = {}) => obj('v1', 'Pod', { name, namespace, ...meta });
const sa = { username: 'system:serviceaccount:ci:builder', groups: ['system:serviceaccounts', 'system:serviceaccounts:ci', 'system:authenticated'] };

type Row = [name: string, match: string, inp: MatchInput, expected: boolean];

describe('match combinators', () => {
  const rows: Row[] = [
    ['any: one filter suffices', 'match: {any: [{resources: {kinds: [Deployment]}}, {resources: {kinds: [Pod]}}]}', input(pod('p', 'd')), true],
    ['any: none matches', 'match: {any: [{resources: {kinds: [Deployment]}}, {resources: {kinds: [Service]}}]}', input(pod('p', 'd')), false],
    ['all: every filter must match', 'match: {all: [{resources: {kinds: [Pod]}}, {resources: {namespaces: [d]}}]}', input(pod('p', 'd')), true],
    ['all: one filter fails', 'match: {all: [{resources: {kinds: [Pod]}}, {resources: {namespaces: [prod]}}]}', input(pod('p', 'd')), false],
    ['legacy resources', 'match: {resources: {kinds: [Pod], namespaces: [d]}}', input(pod('p', 'd')), true],
    ['legacy resources, wrong namespace', 'match: {resources: {kinds: [Pod], namespaces: [x]}}', input(pod('p', 'd')), false],
    ['any wins over legacy fields', 'match: {any: [{resources: {kinds: [Pod]}}], resources: {kinds: [Service]}}', input(pod('p', 'd')), true],
    ['empty any list falls back to legacy', 'match: {any: [], resources: {kinds: [Pod]}}', input(pod('p', 'd')), true],
    ['empty match never matches', 'match: {}', input(pod('p', 'd')), false],
    ['empty filter in any never matches', 'match: {any: [{}]}', input(pod('p', 'd')), false],
    ['empty resources in any never matches', 'match: {any: [{resources: {}}]}', input(pod('p', 'd')), false],
    ['empty filter in all fails the block', 'match: {all: [{resources: {kinds: [Pod]}}, {}]}', input(pod('p', 'd')), false],
    ['fields AND within a filter', 'match: {any: [{resources: {kinds: [Pod], names: [other]}}]}', input(pod('p', 'd')), false],
    // Go sees a present (even empty) list as a set field; with no real constraint the filter matches anything.
    ['present but empty kinds list matches anything', 'match: {any: [{resources: {kinds: []}}]}', input(pod('p', 'd')), true],
  ];
  it.each(rows)('%s', (_name, text, inp, expected) => {
    expect(matchRule(rule(text), inp).matched).toBe(expected);
    expect(matchesFilter(rule(text).match, inp)).toBe(expected);
  });
});

describe('exclude combinators', () => {
  const base = 'match: {any: [{resources: {kinds: [Pod]}}]}\n';
  const rows: Row[] = [
    ['no exclude', base, input(pod('p', 'd')), true],
    ['exclude.any: one filter excludes', `${base}exclude: {any: [{resources: {namespaces: [x]}}, {resources: {namespaces: [d]}}]}`, input(pod('p', 'd')), false],
    ['exclude.any: no filter hits', `${base}exclude: {any: [{resources: {namespaces: [x]}}, {resources: {names: [q]}}]}`, input(pod('p', 'd')), true],
    ['exclude.all: every filter hits', `${base}exclude: {all: [{resources: {namespaces: [d]}}, {resources: {names: [p]}}]}`, input(pod('p', 'd')), false],
    ['exclude.all: one filter misses', `${base}exclude: {all: [{resources: {namespaces: [d]}}, {resources: {names: [q]}}]}`, input(pod('p', 'd')), true],
    ['exclude.all: an empty filter excludes nothing', `${base}exclude: {all: [{resources: {namespaces: [d]}}, {}]}`, input(pod('p', 'd')), true],
    ['legacy exclude', `${base}exclude: {resources: {namespaces: [d]}}`, input(pod('p', 'd')), false],
    ['legacy exclude, other namespace', `${base}exclude: {resources: {namespaces: [kube-system]}}`, input(pod('p', 'd')), true],
    ['empty exclude excludes nothing', `${base}exclude: {}`, input(pod('p', 'd')), true],
    ['exclude with empty filter excludes nothing', `${base}exclude: {any: [{}]}`, input(pod('p', 'd')), true],
    ['exclude needs every field of its filter', `${base}exclude: {any: [{resources: {namespaces: [d], names: [q]}}]}`, input(pod('p', 'd')), true],
  ];
  it.each(rows)('%s', (_name, text, inp, expected) => {
    expect(matchRule(rule(text), inp).matched).toBe(expected);
  });
});

describe('resource description fields', () => {
  const rows: Row[] = [
    ['name exact', 'match: {any: [{resources: {name: web}}]}', input(pod('web', 'd')), true],
    ['name wildcard', 'match: {any: [{resources: {name: "web-*"}}]}', input(pod('web-1', 'd')), true],
    ['name mismatch', 'match: {any: [{resources: {name: "web-*"}}]}', input(pod('api-1', 'd')), false],
    ['names: any entry', 'match: {any: [{resources: {names: [api, "web-?"]}}]}', input(pod('web-1', 'd')), true],
    ['names: none', 'match: {any: [{resources: {names: [api, "web-?"]}}]}', input(pod('web-12', 'd')), false],
    ['generateName stands in for a missing name', 'match: {any: [{resources: {names: ["web-*"]}}]}', input(obj('v1', 'Pod', { generateName: 'web-', namespace: 'd' })), true],
    ['namespaces wildcard', 'match: {any: [{resources: {namespaces: ["team-*"]}}]}', input(pod('p', 'team-a')), true],
    ['namespaces: cluster-scoped resource has namespace ""', 'match: {any: [{resources: {namespaces: ["*"]}}]}', input(obj('v1', 'Node', { name: 'n1' })), true],
    ['namespaces: cluster-scoped resource fails a named namespace', 'match: {any: [{resources: {namespaces: [default]}}]}', input(obj('v1', 'Node', { name: 'n1' })), false],
    ['annotations exact', 'match: {any: [{resources: {annotations: {team: a}}}]}', input(pod('p', 'd', { annotations: { team: 'a', x: 'y' } })), true],
    ['annotations wildcard key and value', 'match: {any: [{resources: {annotations: {"example.com/*": "on*"}}}]}', input(pod('p', 'd', { annotations: { 'example.com/inject': 'one' } })), true],
    ['annotations: every entry needed', 'match: {any: [{resources: {annotations: {team: a, tier: web}}}]}', input(pod('p', 'd', { annotations: { team: 'a' } })), false],
    ['annotations: none on the resource', 'match: {any: [{resources: {annotations: {team: "*"}}}]}', input(pod('p', 'd')), false],
    ['selector wildcard value', 'match: {any: [{resources: {selector: {matchLabels: {app: "web*"}}}}]}', input(pod('p', 'd', { labels: { app: 'web-frontend' } })), true],
    ['selector: invalid selector is a non-match', 'match: {any: [{resources: {selector: {matchLabels: {app: "bad value"}}}}]}', input(pod('p', 'd', { labels: { app: 'x' } })), false],
    ['selector {} matches everything', 'match: {any: [{resources: {kinds: [Pod], selector: {}}}]}', input(pod('p', 'd')), true],
    ['operations', 'match: {any: [{resources: {kinds: [Pod], operations: [CREATE, UPDATE]}}]}', input(pod('p', 'd'), { operation: 'UPDATE' }), true],
    ['operations mismatch', 'match: {any: [{resources: {kinds: [Pod], operations: [CREATE]}}]}', input(pod('p', 'd'), { operation: 'DELETE' }), false],
    ['CONNECT on pods/exec', 'match: {any: [{resources: {kinds: [Pod/exec], operations: [CONNECT]}}]}', input(pod('p', 'd'), { operation: 'CONNECT', subResource: 'exec' }), true],
  ];
  it.each(rows)('%s', (_name, text, inp, expected) => {
    expect(matchRule(rule(text), inp).matched).toBe(expected);
  });
});

describe('user info', () => {
  const rows: Row[] = [
    ['subjects ServiceAccount', 'match: {any: [{subjects: [{kind: ServiceAccount, name: builder, namespace: ci}]}]}', input(pod('p', 'd'), { userInfo: sa }), true],
    ['subjects ServiceAccount other namespace', 'match: {any: [{subjects: [{kind: ServiceAccount, name: builder, namespace: prod}]}]}', input(pod('p', 'd'), { userInfo: sa }), false],
    ['subjects ServiceAccount wildcard name', 'match: {any: [{subjects: [{kind: ServiceAccount, name: "*", namespace: ci}]}]}', input(pod('p', 'd'), { userInfo: sa }), true],
    ['subjects Group', 'match: {any: [{subjects: [{kind: Group, name: "system:serviceaccounts:ci"}]}]}', input(pod('p', 'd'), { userInfo: sa }), true],
    ['subjects Group mismatch', 'match: {any: [{subjects: [{kind: Group, name: "system:masters"}]}]}', input(pod('p', 'd'), { userInfo: sa }), false],
    ['subjects User wildcard', 'match: {any: [{subjects: [{kind: User, name: "system:serviceaccount:*"}]}]}', input(pod('p', 'd'), { userInfo: sa }), true],
    ['subjects: any entry suffices', 'match: {any: [{subjects: [{kind: User, name: jane}, {kind: Group, name: "system:authenticated"}]}]}', input(pod('p', 'd'), { userInfo: sa }), true],
    ['subjects: unknown kind never matches', 'match: {any: [{subjects: [{kind: Robot, name: "*"}]}]}', input(pod('p', 'd'), { userInfo: sa }), false],
    ['roles namespace:name', 'match: {any: [{roles: ["ci:deployer"]}]}', input(pod('p', 'd'), { userInfo: sa, roles: ['ci:deployer'] }), true],
    ['roles not bound', 'match: {any: [{roles: ["ci:deployer"]}]}', input(pod('p', 'd'), { userInfo: sa, roles: ['ci:viewer'] }), false],
    ['roles are exact, no wildcard', 'match: {any: [{roles: ["ci:*"]}]}', input(pod('p', 'd'), { userInfo: sa, roles: ['ci:deployer'] }), false],
    ['clusterRoles', 'match: {any: [{clusterRoles: [admin, edit]}]}', input(pod('p', 'd'), { userInfo: sa, clusterRoles: ['edit'] }), true],
    ['clusterRoles not bound', 'match: {any: [{clusterRoles: [admin]}]}', input(pod('p', 'd'), { userInfo: sa, clusterRoles: ['view'] }), false],
    ['resources AND user info', 'match: {any: [{resources: {kinds: [Pod]}, clusterRoles: [admin]}]}', input(pod('p', 'd'), { userInfo: sa, clusterRoles: ['view'] }), false],
    // Without any user information (the CLI without a userinfo file) Kyverno drops the user part of match filters.
    ['unknown user: match subjects ignored', 'match: {any: [{resources: {kinds: [Pod]}, subjects: [{kind: User, name: jane}]}]}', input(pod('p', 'd')), true],
    ['unknown user: user-only match filter is empty', 'match: {any: [{clusterRoles: [admin]}]}', input(pod('p', 'd')), false],
    ['known user: match subjects apply', 'match: {any: [{resources: {kinds: [Pod]}, subjects: [{kind: User, name: jane}]}]}', input(pod('p', 'd'), { userInfo: { username: 'bob' } }), false],
    ['unknown user: exclude subjects still evaluated (and miss)', 'match: {any: [{resources: {kinds: [Pod]}}]}\nexclude: {any: [{subjects: [{kind: User, name: jane}]}]}', input(pod('p', 'd')), true],
    ['unknown user: exclude User "*" hits the empty username', 'match: {any: [{resources: {kinds: [Pod]}}]}\nexclude: {any: [{subjects: [{kind: User, name: "*"}]}]}', input(pod('p', 'd')), false],
    ['exclude by Group', 'match: {any: [{resources: {kinds: [Pod]}}]}\nexclude: {any: [{subjects: [{kind: Group, name: "system:serviceaccounts:ci"}]}]}', input(pod('p', 'd'), { userInfo: sa }), false],
    ['exclude by role', 'match: {any: [{resources: {kinds: [Pod]}}]}\nexclude: {any: [{roles: ["d:owner"]}]}', input(pod('p', 'd'), { userInfo: sa, roles: ['d:owner'] }), false],
  ];
  it.each(rows)('%s', (_name, text, inp, expected) => {
    expect(matchRule(rule(text), inp).matched).toBe(expected);
  });
});

describe('subresources and the top-level kind', () => {
  const execRequest = (kinds: string): [string, MatchInput] => {
    const inp = input(obj('v1', 'PodExecOptions', { name: 'web', namespace: 'd' }), {
      operation: 'CONNECT',
      subResource: 'exec',
      resource: { group: '', version: 'v1', resource: 'pods' },
    });
    return [`match: {any: [{resources: {kinds: [${kinds}]}}]}`, inp];
  };
  const scaleRequest = (kinds: string): [string, MatchInput] => {
    const inp = input(obj('autoscaling/v1', 'Scale', { name: 'web', namespace: 'd' }), {
      operation: 'UPDATE',
      subResource: 'scale',
      resource: { group: 'apps', version: 'v1', resource: 'deployments' },
    });
    return [`match: {any: [{resources: {kinds: [${kinds}]}}]}`, inp];
  };
  const rows: [string, [string, MatchInput], boolean][] = [
    ['Pod/exec selects pods/exec', execRequest('Pod/exec'), true],
    ['v1/Pod/exec selects pods/exec', execRequest('v1/Pod/exec'), true],
    ['Pod does not select pods/exec', execRequest('Pod'), false],
    ['PodExecOptions is not the top-level kind', execRequest('PodExecOptions'), false],
    ['Pod/* selects pods/exec', execRequest('Pod/*'), true],
    ['Deployment/scale selects deployments/scale', scaleRequest('Deployment/scale'), true],
    ['apps/v1/Deployment/scale selects deployments/scale', scaleRequest('apps/v1/Deployment/scale'), true],
    ['Deployment does not select deployments/scale', scaleRequest('Deployment'), false],
    ['StatefulSet/scale does not select deployments/scale', scaleRequest('StatefulSet/scale'), false],
    ['Pod selects pods/ephemeralcontainers', ['match: {any: [{resources: {kinds: [Pod]}}]}', input(pod('p', 'd'), { operation: 'UPDATE', subResource: 'ephemeralcontainers' })], true],
    ['Pod does not select pods/status', ['match: {any: [{resources: {kinds: [Pod]}}]}', input(pod('p', 'd'), { operation: 'UPDATE', subResource: 'status' })], false],
    ['Pod/status selects pods/status', ['match: {any: [{resources: {kinds: [Pod/status]}}]}', input(pod('p', 'd'), { operation: 'UPDATE', subResource: 'status' })], true],
    ['*/status selects pods/status', ['match: {any: [{resources: {kinds: ["*/status"]}}]}', input(pod('p', 'd'), { operation: 'UPDATE', subResource: 'status' })], true],
    ['* does not select pods/status', ['match: {any: [{resources: {kinds: ["*"]}}]}', input(pod('p', 'd'), { operation: 'UPDATE', subResource: 'status' })], false],
  ];
  it.each(rows)('%s', (_name, [text, inp], expected) => {
    expect(matchRule(rule(text), inp).matched).toBe(expected);
  });

  it('an exclude of Pod does not exclude pods/exec', () => {
    const [, inp] = execRequest('Pod/exec');
    expect(matchRule(rule('match: {any: [{resources: {kinds: [Pod/exec]}}]}\nexclude: {any: [{resources: {kinds: [Pod]}}]}'), inp).matched).toBe(true);
  });

  it('uses the caller-resolved top-level kind when given', () => {
    const inp = input(obj('autoscaling/v1', 'Scale', { name: 'db', namespace: 'd' }), {
      operation: 'UPDATE',
      subResource: 'scale',
      resource: { group: 'example.com', version: 'v1', resource: 'databases' },
    });
    const r = rule('match: {any: [{resources: {kinds: [example.com/v1/Database/scale]}}]}');
    expect(matchRule(r, inp).matched).toBe(false);
    expect(matchRule(r, { ...inp, resourceKind: { group: 'example.com', version: 'v1', kind: 'Database' } }).matched).toBe(true);
  });

  it.each([
    ['no subresource: the request kind', undefined, { group: 'apps', version: 'v1', resource: 'deployments' }, { group: 'apps', version: 'v1', kind: 'Deployment' }],
    ['pods/exec', 'exec', { group: '', version: 'v1', resource: 'pods' }, { group: '', version: 'v1', kind: 'Pod' }],
    ['statefulsets/scale', 'scale', { group: 'apps', version: 'v1', resource: 'statefulsets' }, { group: 'apps', version: 'v1', kind: 'StatefulSet' }],
    ['unknown resource falls back to the request kind', 'scale', { group: 'example.com', version: 'v1', resource: 'things' }, { group: 'autoscaling', version: 'v1', kind: 'Scale' }],
  ])('topLevelKind: %s', (_name, subResource, resource, expected) => {
    const kind = subResource ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : { group: 'apps', version: 'v1', kind: 'Deployment' };
    const inp = input(obj(kind.group ? `${kind.group}/${kind.version}` : kind.version, kind.kind, { name: 'x' }), { subResource, resource });
    expect(topLevelKind(inp.request)).toEqual(expected);
  });
});

describe('policy namespace, empty resources and reasons', () => {
  const r = rule('match: {any: [{resources: {kinds: [Pod]}}]}');

  it.each([
    ['same namespace', 'team-a', pod('p', 'team-a'), true],
    ['other namespace', 'team-a', pod('p', 'team-b'), false],
    ['cluster-scoped resource for a namespaced Policy', 'team-a', obj('v1', 'Node', { name: 'n' }), false],
  ])('namespaced Policy: %s', (_name, policyNamespace, object, expected) => {
    const rr = rule('match: {any: [{resources: {kinds: [Pod, Node]}}]}');
    expect(matchRule(rr, input(object, { policyNamespace })).matched).toBe(expected);
  });

  it.each([null, undefined, 'text', [1, 2]])('resource %j is empty', (resource) => {
    const inp: MatchInput = { ...input(pod('p', 'd')), resource };
    expect(matchRule(r, inp)).toEqual({ matched: false, reason: 'resource is empty' });
    expect(matchesFilter(r.match, inp)).toBe(false);
  });

  it('matches the oldObject passed on DELETE', () => {
    const old = pod('gone', 'd', { labels: { keep: 'no' } });
    const inp: MatchInput = { ...input(old, { operation: 'DELETE' }), request: { ...input(old).request, operation: 'DELETE', object: undefined, oldObject: old } };
    expect(matchRule(rule('match: {any: [{resources: {kinds: [Pod], operations: [DELETE], selector: {matchLabels: {keep: "no"}}}}]}'), inp).matched).toBe(true);
  });

  it.each<[string, string, MatchInput, RegExp]>([
    ['kind', 'match: {any: [{resources: {kinds: [Deployment]}}]}', input(pod('p', 'd')), /match\.any.*any\[0\].*kind v1\/Pod does not match \[Deployment\]/],
    ['namespace', 'match: {all: [{resources: {kinds: [Pod]}}, {resources: {namespaces: [prod]}}]}', input(pod('p', 'd')), /match\.all.*all\[1\].*namespace "d"/],
    ['legacy name', 'match: {resources: {name: web}}', input(pod('p', 'd')), /^match: name "p" does not match "web"/],
    ['operation', 'match: {any: [{resources: {operations: [DELETE]}}]}', input(pod('p', 'd')), /operation CREATE is not one of \[DELETE\]/],
    ['namespace selector with unknown labels', 'match: {any: [{resources: {namespaceSelector: {matchLabels: {a: b}}}}]}', input(pod('p', 'd')), /namespaceSelector does not match .*"d" \(labels unknown\)/],
    ['empty filter', 'match: {any: [{}]}', input(pod('p', 'd')), /filter is empty/],
    ['exclude.any', 'match: {any: [{resources: {kinds: [Pod]}}]}\nexclude: {any: [{resources: {names: [x]}}, {resources: {names: [p]}}]}', input(pod('p', 'd')), /excluded by exclude\.any\[1\]/],
    ['exclude.all', 'match: {any: [{resources: {kinds: [Pod]}}]}\nexclude: {all: [{resources: {names: [p]}}]}', input(pod('p', 'd')), /excluded by exclude\.all/],
    ['clusterRoles', 'match: {any: [{clusterRoles: [admin]}]}', input(pod('p', 'd'), { userInfo: { username: 'u' } }), /clusterRoles \[admin\]/],
  ])('reason names the failing filter: %s', (_name, text, inp, pattern) => {
    const outcome = matchRule(rule(text), inp);
    expect(outcome.matched).toBe(false);
    if (!outcome.matched) expect(outcome.reason).toMatch(pattern);
  });

  it('matchesFilter ignores exclude and the policy namespace', () => {
    const block: MatchResources = { any: [{ resources: { kinds: ['Pod'] } }] };
    expect(matchesFilter(block, input(pod('p', 'd'), { policyNamespace: 'other' }))).toBe(true);
  });

  it('looks namespace labels up once, only when a namespaceSelector needs them', () => {
    const seen: string[] = [];
    const base = input(pod('p', 'team'));
    const inp: MatchInput = { ...base, namespaceLabels: (ns) => (seen.push(ns), { env: 'dev' }) };
    expect(matchRule(rule('match: {any: [{resources: {kinds: [Pod]}}]}'), inp).matched).toBe(true);
    expect(seen).toEqual([]);
    const twice = rule('match: {all: [{resources: {namespaceSelector: {matchLabels: {env: dev}}}}, {resources: {namespaceSelector: {matchExpressions: [{key: env, operator: Exists}]}}}]}');
    expect(matchRule(twice, inp).matched).toBe(true);
    expect(seen).toEqual(['team']);
  });
});
