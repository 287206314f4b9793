/** Generate by clone and cloneList against the fake API server: copies, source changes, reverts, policy deletion. */
import type { KubeObject } from '../../../src/api/kube.js';
import { CONFIGMAPS, NAMESPACES, SECRETS, type World, inline, ns, shipped, sleep, until, world, json } from './harness.js';

let w: World;
afterEach(async () => {
  await w?.close();
});

const regcred = (auth: string) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'regcred', namespace: 'tollgate-system', labels: { team: 'platform' } },
  type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': Buffer.from(auth).toString('base64') },
});
const copy = (namespace: string): KubeObject | undefined => w.server.get(SECRETS, 'regcred', namespace) as KubeObject | undefined;
const payload = (o: KubeObject | undefined): unknown => (o?.data as Record<string, string> | undefined)?.['.dockerconfigjson'];

describe('clone (shipped sync-registry-secret)', () => {
  test('a new Namespace gets a copy of the source Secret, with the source recorded in its labels', async () => {
    w = await world(await shipped('sync-registry-secret.yaml'));
    w.server.put(SECRETS, regcred('{"auths":{}}'));
    w.admit(NAMESPACES, ns('shop'));
    await until(() => copy('shop') !== undefined, 'copied');
    expect(copy('shop')).toMatchObject({
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': Buffer.from('{"auths":{}}').toString('base64') },
      metadata: {
        namespace: 'shop',
        labels: { team: 'platform', 'generate.tollgate.io/source-namespace': 'tollgate-system', 'generate.tollgate.io/source-name': 'regcred', 'generate.tollgate.io/on-policy-delete': 'retain' },
      },
    });
    expect(copy('shop')?.metadata.uid).not.toBe(w.server.get(SECRETS, 'regcred', 'tollgate-system')?.metadata.uid);
  });

  test('a change of the source reaches every copy; an edited copy is reverted', async () => {
    w = await world(await shipped('sync-registry-secret.yaml'));
    w.server.put(SECRETS, regcred('v1'));
    w.admit(NAMESPACES, ns('a'));
    w.admit(NAMESPACES, ns('b'));
    await until(() => copy('a') !== undefined && copy('b') !== undefined);
    w.server.put(SECRETS, regcred('v2'));
    const v2 = Buffer.from('v2').toString('base64');
    await until(() => payload(copy('a')) === v2 && payload(copy('b')) === v2, 'rotated');
    const a = copy('a') as KubeObject;
    w.server.put(SECRETS, json({ ...a, data: { '.dockerconfigjson': 'aGFja2Vk', extra: 'eA==' } }));
    await until(() => payload(copy('a')) === v2 && (copy('a')?.data as Record<string, string>).extra === undefined, 'reverted');
  });

  test('a source that appears shortly after the admission is still copied (the admission is retried)', async () => {
    w = await world(await shipped('sync-registry-secret.yaml'));
    w.admit(NAMESPACES, ns('shop'));
    await sleep(30);
    w.server.put(SECRETS, regcred('late'));
    await until(() => copy('shop') !== undefined, 'copied late');
    expect(w.problems.some((p) => p.action === 'generate' && String(p.error).includes('not found'))).toBe(true);
  });

  test('deleting the policy keeps the copies (clones survive their policy, as in Kyverno)', async () => {
    w = await world(await shipped('sync-registry-secret.yaml'));
    w.server.put(SECRETS, regcred('v1'));
    w.admit(NAMESPACES, ns('shop'));
    await until(() => copy('shop') !== undefined);
    w.setPolicies([]);
    await sleep(50);
    await w.controller.idle();
    await w.controller.reconcile();
    expect(copy('shop')).toBeDefined();
  });
});

describe('cloneList', () => {
  const policy = () =>
    inline(`
apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: templates}
spec:
  rules:
  - name: copy-templates
    match: {any: [{resources: {kinds: [Namespace]}}]}
    exclude: {any: [{resources: {namespaces: [templates]}}]}
    generate:
      namespace: "{{request.object.metadata.name}}"
      synchronize: true
      cloneList:
        namespace: templates
        kinds: [v1/ConfigMap, v1/Secret]
        selector: {matchLabels: {share: "yes"}}
`);
  const cm = (name: string, share: string, value: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'templates', labels: { share } }, data: { value } });

  test('copies every selected source of every listed kind; a new source and a changed one propagate', async () => {
    w = await world(policy());
    w.server.put(CONFIGMAPS, cm('a', 'yes', '1'));
    w.server.put(CONFIGMAPS, cm('private', 'no', '1'));
    w.server.put(SECRETS, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'templates', labels: { share: 'yes' } }, data: { k: 'dg==' } });
    w.admit(NAMESPACES, ns('shop'));
    await until(() => w.server.get(CONFIGMAPS, 'a', 'shop') !== undefined && w.server.get(SECRETS, 's', 'shop') !== undefined, 'copies');
    expect(w.server.get(CONFIGMAPS, 'private', 'shop')).toBeUndefined();
    w.server.put(CONFIGMAPS, cm('b', 'yes', '2'));
    w.server.put(CONFIGMAPS, cm('a', 'yes', '3'));
    await until(() => w.server.get(CONFIGMAPS, 'b', 'shop') !== undefined && (w.server.get(CONFIGMAPS, 'a', 'shop')?.data as Record<string, string>).value === '3', 'propagated');
    expect(w.server.list(CONFIGMAPS, 'shop').map((o) => o.metadata.name).sort()).toEqual(['a', 'b']);
  });
});
