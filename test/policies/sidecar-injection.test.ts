/** policies/sidecar-injection.yaml: every opt-in and opt-out, what is injected, idempotency, a Deployment's Pod. */
import type { KubeObject } from '../../src/api/kube.js';
import type { LoadedPolicy } from '../../src/api/policy.js';
import { mutateWith, namespace, shipped } from './support.js';

interface Container {
  name: string;
  image: string;
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string } } }[];
  ports?: { containerPort: number }[];
  readinessProbe?: { httpGet?: { port: number; path: string } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { capabilities?: { add?: string[]; drop?: string[] }; runAsUser?: number };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodShape extends KubeObject {
  metadata: KubeObject['metadata'] & { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { containers: Container[]; initContainers?: Container[]; volumes?: { name: string }[]; hostNetwork?: boolean };
}

let policies: LoadedPolicy[];
beforeAll(async () => {
  policies = await shipped('sidecar-injection.yaml');
});

const enabled = namespace('shop', { 'istio-injection': 'enabled' });
const plain = namespace('plain');
const cluster = [enabled, plain];

function pod(ns: string, meta: { labels?: Record<string, string>; annotations?: Record<string, string> } = {}, spec: Record<string, unknown> = {}): PodShape {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: ns, ...meta },
    spec: {
      initContainers: [{ name: 'migrate', image: 'registry.example.com/migrate:1' }],
      containers: [
        { name: 'web', image: 'registry.example.com/web:2', ports: [{ containerPort: 8080 }] },
        { name: 'worker', image: 'registry.example.com/worker:2' },
      ],
      volumes: [{ name: 'cache', emptyDir: {} }],
      ...spec,
    },
  } as unknown as PodShape;
}

const injected = (object: unknown): boolean => (object as PodShape).spec.containers.some((c) => c.name === 'istio-proxy');

describe('who gets the sidecar', () => {
  const cases: [string, PodShape, boolean][] = [
    ['namespace labelled istio-injection=enabled', pod('shop'), true],
    ['plain namespace, no opt-in', pod('plain'), false],
    ['Pod label sidecar.istio.io/inject=true in a plain namespace', pod('plain', { labels: { 'sidecar.istio.io/inject': 'true' } }), true],
    ['Pod annotation sidecar.istio.io/inject=true in a plain namespace', pod('plain', { annotations: { 'sidecar.istio.io/inject': 'true' } }), true],
    ['Pod label "false" in an enabled namespace', pod('shop', { labels: { 'sidecar.istio.io/inject': 'false' } }), false],
    ['Pod annotation "false" in an enabled namespace', pod('shop', { annotations: { 'sidecar.istio.io/inject': 'false' } }), false],
    ['annotation "false" wins over label "true"', pod('plain', { labels: { 'sidecar.istio.io/inject': 'true' }, annotations: { 'sidecar.istio.io/inject': 'false' } }), false],
    ['hostNetwork Pod in an enabled namespace', pod('shop', {}, { hostNetwork: true }), false],
    ['hostNetwork Pod that opted in by label', pod('plain', { labels: { 'sidecar.istio.io/inject': 'true' } }, { hostNetwork: true }), false],
    ['namespace labelled with another value', pod('other'), false],
  ];
  const withOther = [...cluster, namespace('other', { 'istio-injection': 'disabled' })];
  test.each(cases)('%s', (_label, object, expected) => {
    const out = mutateWith(policies, object, withOther);
    expect(injected(out.object)).toBe(expected);
    if (!expected) expect(out.object).toBe(object);
  });
});

describe('what is injected', () => {
  let out: PodShape;
  beforeAll(() => {
    out = mutateWith(policies, pod('shop'), cluster).object as PodShape;
  });

  test("the Pod's own containers, init containers and volumes keep their order, the injected ones follow", () => {
    expect(out.spec.containers.map((c) => c.name)).toEqual(['web', 'worker', 'istio-proxy']);
    expect(out.spec.initContainers?.map((c) => c.name)).toEqual(['migrate', 'istio-init']);
    expect(out.spec.volumes?.map((v) => v.name)).toEqual(['cache', 'workload-socket', 'credential-socket', 'workload-certs', 'istio-envoy', 'istio-data', 'istio-podinfo', 'istio-token', 'istiod-ca-cert']);
    expect(out.spec.containers[0]).toEqual({ name: 'web', image: 'registry.example.com/web:2', ports: [{ containerPort: 8080 }] });
  });

  test('istio-init redirects with iptables and adds only NET_ADMIN and NET_RAW', () => {
    const init = out.spec.initContainers?.find((c) => c.name === 'istio-init');
    expect(init?.args?.[0]).toBe('istio-iptables');
    expect(init?.args).toEqual(expect.arrayContaining(['-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT']));
    expect(init?.securityContext?.capabilities).toEqual({ add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] });
  });

  test('istio-proxy: image, args, ports, readiness on 15021, downward-API env, mounts for every injected volume', () => {
    const proxy = out.spec.containers.find((c) => c.name === 'istio-proxy');
    expect(proxy?.image).toBe('docker.io/istio/proxyv2:1.24.2');
    expect(proxy?.args?.slice(0, 4)).toEqual(['proxy', 'sidecar', '--domain', 'shop.svc.cluster.local']);
    expect(proxy?.ports?.map((p) => p.containerPort)).toEqual([15090, 15021]);
    expect(proxy?.readinessProbe?.httpGet).toEqual({ path: '/healthz/ready', port: 15021 });
    const fieldRefs = Object.fromEntries((proxy?.env ?? []).filter((e) => e.valueFrom?.fieldRef).map((e) => [e.name, e.valueFrom?.fieldRef?.fieldPath]));
    expect(fieldRefs).toMatchObject({ POD_NAME: 'metadata.name', POD_NAMESPACE: 'metadata.namespace', INSTANCE_IP: 'status.podIP', SERVICE_ACCOUNT: 'spec.serviceAccountName' });
    const injectedVolumes = (out.spec.volumes ?? []).map((v) => v.name).filter((n) => n !== 'cache');
    expect(proxy?.volumeMounts?.map((m) => m.name).sort()).toEqual([...injectedVolumes].sort());
    expect(proxy?.securityContext?.runAsUser).toBe(1337);
  });

  test('the tlsMode label and the status annotation listing what was injected', () => {
    expect(out.metadata.labels).toEqual({ 'security.istio.io/tlsMode': 'istio' });
    const status = JSON.parse(out.metadata.annotations?.['sidecar.istio.io/status'] ?? '{}') as Record<string, string[]>;
    expect(status.initContainers).toEqual(['istio-init']);
    expect(status.containers).toEqual(['istio-proxy']);
    expect(status.volumes).toEqual((out.spec.volumes ?? []).map((v) => v.name).filter((n) => n !== 'cache'));
  });

  test('default resources when there is no ConfigMap', () => {
    const proxy = out.spec.containers.find((c) => c.name === 'istio-proxy');
    expect(proxy?.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1Gi' } });
  });
});

describe('image and resources from the ConfigMap', () => {
  test('values present in tollgate/tollgate-sidecar-injector win; absent keys keep their defaults', () => {
    const cm: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'tollgate-sidecar-injector', namespace: 'tollgate' },
      data: { proxyImage: 'registry.example.com/istio/proxyv2:1.24.2-distroless', proxyMemoryLimit: '512Mi' },
    } as KubeObject;
    const out = mutateWith(policies, pod('shop'), [...cluster, cm]).object as PodShape;
    const proxy = out.spec.containers.find((c) => c.name === 'istio-proxy');
    expect(proxy?.image).toBe('registry.example.com/istio/proxyv2:1.24.2-distroless');
    expect(out.spec.initContainers?.find((c) => c.name === 'istio-init')?.image).toBe('registry.example.com/istio/proxyv2:1.24.2-distroless');
    expect(proxy?.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '512Mi' } });
  });
});

describe('idempotency', () => {
  test('an UPDATE of an injected Pod changes nothing', () => {
    const first = mutateWith(policies, pod('shop'), cluster).object as PodShape;
    const again = mutateWith(policies, first, cluster, 'UPDATE', first);
    expect(again.object).toBe(first);
  });

  test('a Pod that already has istio-proxy is left alone', () => {
    const own = pod('shop', {}, { containers: [{ name: 'app', image: 'a' }, { name: 'istio-proxy', image: 'custom' }] });
    expect(mutateWith(policies, own, cluster).object).toBe(own);
  });

  test('a Pod that carries the status annotation is left alone', () => {
    const marked = pod('shop', { annotations: { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' } });
    expect(mutateWith(policies, marked, cluster).object).toBe(marked);
  });
});

describe("a Deployment's Pod", () => {
  test('a Pod created by a ReplicaSet, with no opt-in of its own, is injected through its namespace label', () => {
    const fromReplicaSet = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: 'web-5d8f9c7b6d-',
        namespace: 'shop',
        labels: { app: 'web', 'pod-template-hash': '5d8f9c7b6d' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f9c7b6d', uid: '1b2c', controller: true }],
      },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
    } as PodShape;
    const out = mutateWith(policies, fromReplicaSet, cluster).object as PodShape;
    expect(out.spec.containers.map((c) => c.name)).toEqual(['web', 'istio-proxy']);
    expect(out.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': '5d8f9c7b6d', 'security.istio.io/tlsMode': 'istio' });
  });

  test('the policy is not carried over to Deployments (no autogen rules)', () => {
    expect(policies[0].rules.map((r) => r.name)).toEqual(['inject-sidecar']);
  });
});
