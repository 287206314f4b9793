/** Generate from `data` against the fake API server through the real client: create, never twice, synchronize, cleanup. */
import type { KubeObject } from '../../../src/api/kube.js';
import { CONFIGMAPS, NAMESPACES, NETWORK_POLICIES, RESOURCE_QUOTAS, type World, creations, inline, ns, request, shipped, sleep, until, world, json } from './harness.js';

let w: World;
afterEach(async () => {
  await w?.close();
});

const np = (namespace: string): KubeObject | undefined => w.server.get(NETWORK_POLICIES, 'default-deny', namespace) as KubeObject | undefined;

describe('generate from data', () => {
  test('an admitted Namespace gets the shipped NetworkPolicy and ResourceQuota, labelled with the stored trigger uid', async () => {
    w = await world(await shipped('default-deny-network-policy.yaml', 'default-resource-quota.yaml'));
    const shop = w.admit(NAMESPACES, ns('shop'));
    await until(() => np('shop') !== undefined && w.server.get(RESOURCE_QUOTAS, 'default-quota', 'shop') !== undefined, 'generated objects');
    expect(np('shop')).toMatchObject({
      metadata: {
        namespace: 'shop',
        labels: {
          'app.kubernetes.io/managed-by': 'tollgate',
          'generate.tollgate.io/policy-name': 'default-deny-network-policy',
          'generate.tollgate.io/rule-name': 'default-deny',
          'generate.tollgate.io/trigger-kind': 'Namespace',
          'generate.tollgate.io/trigger-name': 'shop',
          'generate.tollgate.io/trigger-uid': shop.metadata.uid,
          'generate.tollgate.io/on-policy-delete': 'delete',
        },
      },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    expect(w.server.get(RESOURCE_QUOTAS, 'default-quota', 'shop')).toMatchObject({ spec: { hard: { pods: '50', 'requests.cpu': '4' } } });
  });

  test.each(['kube-system', 'tollgate'])('the excluded namespace %s gets nothing', async (name) => {
    w = await world(await shipped('default-deny-network-policy.yaml'));
    w.admit(NAMESPACES, ns(name));
    w.admit(NAMESPACES, ns('control'));
    await until(() => np('control') !== undefined, 'control namespace policy');
    await w.controller.idle();
    expect(np(name)).toBeUndefined();
  });

  test('admitted twice, seen by the cache and reconciled: created exactly once', async () => {
    w = await world(await shipped('default-deny-network-policy.yaml'));
    const shop = w.admit(NAMESPACES, ns('shop'));
    w.controller.admitted(request(shop, NAMESPACES, 'UPDATE'));
    await until(() => np('shop') !== undefined);
    w.controller.admitted(request(shop, NAMESPACES, 'CREATE'));
    await w.controller.idle();
    const summary = await w.controller.reconcile();
    await w.controller.idle();
    expect(summary).toMatchObject({ leader: true, created: 0, updated: 0, deleted: 0, errors: 0 });
    expect(creations(w.server, '/networkpolicies')).toBe(1);
    expect(w.server.list(NETWORK_POLICIES)).toHaveLength(1);
  });

  test('dryRun and CONNECT requests are not even queued', async () => {
    w = await world(await shipped('default-deny-network-policy.yaml'));
    // Never stored (a dry run stores nothing): had it been queued, the controller would look it up.
    const dry = { ...ns('dry'), metadata: { name: 'dry', uid: 'u-dry' } };
    const lookups = (): number => w.server.requests.filter((r) => r.path === '/api/v1/namespaces/dry').length;
    w.controller.admitted({ ...request(dry, NAMESPACES), dryRun: true });
    w.controller.admitted({ ...request(dry, NAMESPACES), operation: 'CONNECT' });
    await sleep(50);
    await w.controller.idle();
    expect(lookups()).toBe(0);
    // The same request without dryRun is queued and looked up (and given up after a few lookups).
    w.controller.admitted(request(dry, NAMESPACES));
    await until(() => lookups() > 0, 'the real request looked up');
    expect(np('dry')).toBeUndefined();
  });
});

describe('synchronize', () => {
  test('a deleted and an edited NetworkPolicy are restored; an added label of someone else stays', async () => {
    w = await world(await shipped('default-deny-network-policy.yaml'));
    w.admit(NAMESPACES, ns('shop'));
    await until(() => np('shop') !== undefined);
    const first = np('shop');
    w.server.delete(NETWORK_POLICIES, 'default-deny', 'shop');
    await until(() => np('shop') !== undefined && np('shop')?.metadata.uid !== first?.metadata.uid, 'recreated');
    const edited = np('shop') as KubeObject;
    w.server.put(NETWORK_POLICIES, json({ ...edited, metadata: { ...edited.metadata, labels: { ...edited.metadata.labels, team: 'a' } }, spec: { podSelector: { matchLabels: { app: 'x' } }, policyTypes: ['Ingress'] } }));
    await until(() => JSON.stringify((np('shop') as { spec?: unknown }).spec) === JSON.stringify({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] }), 'reverted');
    expect(np('shop')?.metadata.labels?.team).toBe('a');
    expect(w.problems.filter((p) => p.action !== 'retry')).toEqual([]);
  });

  test('without synchronize an object is created once; edits and deletions stay (events, and a reconcile past the catch-up window)', async () => {
    const policies = inline(`
apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: once}
spec:
  rules:
  - name: cm
    match: {any: [{resources: {kinds: [Namespace]}}]}
    generate:
      apiVersion: v1
      kind: ConfigMap
      name: settings
      namespace: "{{request.object.metadata.name}}"
      data: {data: {mode: strict}}
`);
    w = await world(policies, { timing: { catchUpMs: 0 } });
    w.admit(NAMESPACES, ns('shop'));
    await until(() => w.server.get(CONFIGMAPS, 'settings', 'shop') !== undefined);
    const cm = w.server.get(CONFIGMAPS, 'settings', 'shop') as unknown as KubeObject;
    expect(cm.metadata.labels?.['generate.tollgate.io/on-policy-delete']).toBe('retain');
    w.server.put(CONFIGMAPS, json({ ...cm, data: { mode: 'lax' } }));
    await sleep(50);
    await w.controller.idle();
    expect(w.server.get(CONFIGMAPS, 'settings', 'shop')).toMatchObject({ data: { mode: 'lax' } });
    w.server.delete(CONFIGMAPS, 'settings', 'shop');
    await sleep(50);
    await w.controller.idle();
    await w.controller.reconcile();
    expect(w.server.get(CONFIGMAPS, 'settings', 'shop')).toBeUndefined();
    expect(creations(w.server, '/configmaps')).toBe(1);
  });

  test("a change of the policy's data reaches every generated object", async () => {
    w = await world(await shipped('default-resource-quota.yaml'));
    w.admit(NAMESPACES, ns('a'));
    w.admit(NAMESPACES, ns('b'));
    await until(() => w.server.list(RESOURCE_QUOTAS).length === 2);
    const next = await shipped('default-resource-quota.yaml');
    const data = next[0].rules[0].generate?.data as { spec: { hard: Record<string, string> } };
    data.spec.hard.pods = '99';
    w.setPolicies(next);
    await until(() => w.server.list(RESOURCE_QUOTAS).every((q) => (q.spec as { hard: Record<string, string> }).hard.pods === '99'), 'propagated');
  });

  test('deleting the trigger deletes its synchronized objects', async () => {
    w = await world(await shipped('default-deny-network-policy.yaml'));
    w.admit(NAMESPACES, ns('shop'));
    w.admit(NAMESPACES, ns('keep'));
    await until(() => np('shop') !== undefined && np('keep') !== undefined);
    // The fake has no namespace lifecycle: only the trigger goes, its objects must be deleted by the controller.
    w.server.delete(NAMESPACES, 'shop');
    await until(() => np('shop') === undefined, 'deleted with its trigger');
    await w.controller.idle();
    expect(np('keep')).toBeDefined();
  });
});

describe('policy deletion', () => {
  const orphaning = (orphan: boolean) =>
    inline(`
apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: quota}
spec:
  rules:
  - name: quota
    match: {any: [{resources: {kinds: [Namespace]}}]}
    generate:
      apiVersion: v1
      kind: ResourceQuota
      name: q
      namespace: "{{request.object.metadata.name}}"
      synchronize: true
      orphanDownstreamOnPolicyDelete: ${orphan}
      data: {spec: {hard: {pods: "5"}}}
`);

  test.each([
    [false, 0],
    [true, 1],
  ])('orphanDownstreamOnPolicyDelete %s: %i object left', async (orphan, left) => {
    w = await world(orphaning(orphan));
    w.admit(NAMESPACES, ns('shop'));
    await until(() => w.server.list(RESOURCE_QUOTAS).length === 1);
    w.setPolicies([]);
    if (left === 0) await until(() => w.server.list(RESOURCE_QUOTAS).length === 0, 'deleted with the policy');
    await w.controller.idle();
    expect(w.server.list(RESOURCE_QUOTAS)).toHaveLength(left);
  });

  test('a policy deleted while no controller ran is cleaned up by the reconcile after the restart (labels are the record)', async () => {
    w = await world([...orphaning(false), ...(await shipped('default-deny-network-policy.yaml'))]);
    w.admit(NAMESPACES, ns('shop'));
    await until(() => w.server.list(RESOURCE_QUOTAS).length === 1 && np('shop') !== undefined);
    await w.restart({ start: false });
    // The quota policy is gone when the controller comes back; another policy still generates ResourceQuotas.
    w.setPolicies([...(await shipped('default-deny-network-policy.yaml')), ...(await shipped('default-resource-quota.yaml'))]);
    await w.cache.start();
    const summary = await w.controller.reconcile();
    expect(summary.deleted).toBe(1);
    expect(w.server.get(RESOURCE_QUOTAS, 'q', 'shop')).toBeUndefined();
    expect(np('shop')).toBeDefined();
  });
});
