/** Which cluster: explicit file, in-cluster, $KUBECONFIG, ~/.kube/config, or none. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadKubeConfig } from '../../src/cluster/index.js';
import { kubeconfigText } from '../support/fake-apiserver/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tollgate-kubeconfig-'));
  await writeFile(path.join(dir, 'explicit'), kubeconfigText('http://127.0.0.1:1001'));
  await writeFile(path.join(dir, 'env'), kubeconfigText('http://127.0.0.1:1002'));
  await mkdir(path.join(dir, 'home', '.kube'), { recursive: true });
  await writeFile(path.join(dir, 'home', '.kube', 'config'), kubeconfigText('http://127.0.0.1:1003'));
  const sa = path.join(dir, 'sa', 'var', 'run', 'secrets', 'kubernetes.io', 'serviceaccount');
  await mkdir(sa, { recursive: true });
  await writeFile(path.join(sa, 'token'), 'tok');
  await writeFile(path.join(sa, 'ca.crt'), '');
  await writeFile(path.join(sa, 'namespace'), 'tollgate');
  await mkdir(path.join(dir, 'empty-home'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('loadKubeConfig', () => {
  const cases: [string, () => [string | undefined, Record<string, string>, string, string], string, string][] = [
    ['an explicit file beats everything', () => [path.join(dir, 'explicit'), { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBECONFIG: path.join(dir, 'env') }, path.join(dir, 'home'), path.join(dir, 'sa')], 'file', 'http://127.0.0.1:1001'],
    ['in-cluster beats KUBECONFIG', () => [undefined, { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443', KUBECONFIG: path.join(dir, 'env') }, path.join(dir, 'home'), path.join(dir, 'sa')], 'in-cluster', 'https://10.0.0.1:443'],
    ['KUBECONFIG without a service account', () => [undefined, { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBECONFIG: path.join(dir, 'env') }, path.join(dir, 'home'), path.join(dir, 'nosa')], 'KUBECONFIG', 'http://127.0.0.1:1002'],
    ['~/.kube/config last', () => [undefined, {}, path.join(dir, 'home'), path.join(dir, 'nosa')], 'home', 'http://127.0.0.1:1003'],
  ];
  it.each(cases)('%s', (_label, setup, origin, server) => {
    const [file, env, home, serviceAccountPrefix] = setup();
    const r = loadKubeConfig(file, { env, home, serviceAccountPrefix });
    expect(r.type === 'loaded' ? [r.origin, r.server] : r).toEqual([origin, server]);
  });

  it('none when nothing is configured', () => {
    expect(loadKubeConfig(undefined, { env: {}, home: path.join(dir, 'empty-home'), serviceAccountPrefix: path.join(dir, 'nosa') })).toEqual({ type: 'none' });
  });

  it('an explicit file that cannot be read is an error, not a fallback', () => {
    const r = loadKubeConfig(path.join(dir, 'missing'), { env: { KUBECONFIG: path.join(dir, 'env') } });
    expect(r).toMatchObject({ type: 'error', origin: 'file' });
  });

  it('KUBECONFIG naming only missing files is an error', () => {
    const r = loadKubeConfig(undefined, { env: { KUBECONFIG: path.join(dir, 'nope') }, home: path.join(dir, 'home'), serviceAccountPrefix: path.join(dir, 'nosa') });
    expect(r).toMatchObject({ type: 'error', origin: 'KUBECONFIG', reason: 'no such file' });
  });
});
