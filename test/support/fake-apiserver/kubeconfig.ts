/** Writes a kubeconfig file that points client-node (or kubectl) at a plain-HTTP test server. */
import { writeFile } from 'node:fs/promises';

export interface KubeconfigOptions {
  /** Bearer token of the `fake` user. */
  token?: string;
  /** Default namespace of the context. */
  namespace?: string;
}

/** JSON is valid YAML, so the file is both. `insecure-skip-tls-verify` is what client-node requires for http:. */
export function kubeconfigText(url: string, options: KubeconfigOptions = {}): string {
  return JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'fake', cluster: { server: url, 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'fake', user: options.token !== undefined ? { token: options.token } : {} }],
      contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'fake', namespace: options.namespace ?? 'default' } }],
      'current-context': 'fake',
    },
    null,
    2,
  );
}

export async function writeKubeconfig(file: string, url: string, options: KubeconfigOptions = {}): Promise<string> {
  await writeFile(file, kubeconfigText(url, options), 'utf8');
  return file;
}
