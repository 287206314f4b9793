/**
 * Triples from the kyverno/policies conformance corpus (shared/conformance/kyverno-policies),
 * with the patches written as Kyverno's anchor pre-processing hands them to kyaml.
 */
import { strategicMerge } from '../../../../src/engine/mutate/strategic-merge/index.js';
import { mergedOrError, yaml } from './helpers.js';

type Case = [name: string, resource: string, patch: string, expected: string];

describe('strategicMerge: conformance corpus fixtures', () => {
  it.each<Case>([
    [
      'other/add-imagepullsecrets (the <(image) anchor stripped)',
      `apiVersion: v1
kind: Pod
metadata: {name: myapp-pod-1}
spec:
  containers:
  - {name: nginx, image: "corp.reg.com/nginx:latest"}`,
      'spec: {imagePullSecrets: [{name: my-secret}]}',
      `apiVersion: v1
kind: Pod
metadata: {name: myapp-pod-1}
spec:
  containers:
  - {name: nginx, image: "corp.reg.com/nginx:latest"}
  imagePullSecrets:
  - name: my-secret`,
    ],
    [
      'other/add-env-vars-from-cm ((name): "*" expanded per container)',
      `apiVersion: v1
kind: Pod
metadata: {name: mypod}
spec:
  automountServiceAccountToken: false
  initContainers:
  - {name: alpine, image: "alpine:latest"}
  - {name: busybox, image: "busybox:1.28"}
  containers:
  - {name: nginx, image: "nginx:1.2.3"}
  - {name: redis, image: "redis:latest"}`,
      `spec:
  initContainers:
  - {name: alpine, envFrom: [{configMapRef: {name: nsenvvars}}]}
  - {name: busybox, envFrom: [{configMapRef: {name: nsenvvars}}]}
  containers:
  - {name: nginx, envFrom: [{configMapRef: {name: nsenvvars}}]}
  - {name: redis, envFrom: [{configMapRef: {name: nsenvvars}}]}`,
      `apiVersion: v1
kind: Pod
metadata: {name: mypod}
spec:
  automountServiceAccountToken: false
  initContainers:
  - {name: alpine, image: "alpine:latest", envFrom: [{configMapRef: {name: nsenvvars}}]}
  - {name: busybox, image: "busybox:1.28", envFrom: [{configMapRef: {name: nsenvvars}}]}
  containers:
  - {name: nginx, image: "nginx:1.2.3", envFrom: [{configMapRef: {name: nsenvvars}}]}
  - {name: redis, image: "redis:latest", envFrom: [{configMapRef: {name: nsenvvars}}]}`,
    ],
    [
      'other/add-pod-proxies',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: myapp-pod-1}\nspec: {containers: [{name: nginx, image: "nginx:latest"}]}',
      `spec:
  containers:
  - name: nginx
    env:
    - {name: HTTP_PROXY, value: "http://proxy.corp.domain:8080"}
    - {name: HTTPS_PROXY, value: "https://secureproxy.corp.domain:8080"}
    - {name: NO_PROXY, value: "localhost,*.example.com"}`,
      `apiVersion: v1
kind: Pod
metadata: {name: myapp-pod-1}
spec:
  containers:
  - name: nginx
    image: "nginx:latest"
    env:
    - {name: HTTP_PROXY, value: "http://proxy.corp.domain:8080"}
    - {name: HTTPS_PROXY, value: "https://secureproxy.corp.domain:8080"}
    - {name: NO_PROXY, value: "localhost,*.example.com"}`,
    ],
    [
      'other/add-certificates-volume (one foreach element)',
      `apiVersion: v1
kind: Pod
metadata: {name: mypod, labels: {app: myapp}, annotations: {inject-certs: enabled}}
spec:
  containers:
  - {image: "nginx:latest", name: nginx}`,
      `spec:
  containers:
  - name: nginx
    volumeMounts: [{name: etc-ssl-certs, mountPath: /etc/ssl/certs}]
  volumes:
  - {name: etc-ssl-certs, configMap: {name: ca-pemstore}}`,
      `apiVersion: v1
kind: Pod
metadata: {name: mypod, labels: {app: myapp}, annotations: {inject-certs: enabled}}
spec:
  containers:
  - image: "nginx:latest"
    name: nginx
    volumeMounts: [{name: etc-ssl-certs, mountPath: /etc/ssl/certs}]
  volumes:
  - {name: etc-ssl-certs, configMap: {name: ca-pemstore}}`,
    ],
    [
      'other/spread-pods-across-topology (+(topologySpreadConstraints) on a Deployment without it)',
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: mydeploy, labels: {distributed: required}}
spec:
  replicas: 2
  selector: {matchLabels: {app: myapp}}
  template:
    metadata: {labels: {app: myapp}}
    spec:
      containers:
      - {name: nginx, image: nginx, ports: [{containerPort: 80}]}`,
      `spec:
  template:
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {distributed: required}}}`,
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: mydeploy, labels: {distributed: required}}
spec:
  replicas: 2
  selector: {matchLabels: {app: myapp}}
  template:
    metadata: {labels: {app: myapp}}
    spec:
      containers:
      - {name: nginx, image: nginx, ports: [{containerPort: 80}]}
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {distributed: required}}}`,
    ],
    [
      'other/add-ndots',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: myapp-pod, namespace: default}\nspec: {containers: [{name: nginx, image: "nginx:latest"}]}',
      'spec: {dnsConfig: {options: [{name: ndots, value: "1"}]}}',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: myapp-pod, namespace: default}\nspec: {containers: [{name: nginx, image: "nginx:latest"}], dnsConfig: {options: [{name: ndots, value: "1"}]}}',
    ],
  ])('%s', (_name, resource, patch, expected) => {
    expect(mergedOrError(resource, patch)).toEqual(yaml(expected));
  });

  it('other/add-default-resources nginx-demo3: foreach (descending) keeps the container order', () => {
    // Kyverno's foreach iterates last-to-first by default; with kyaml putting the patched
    // element first, that is what restores the original order.
    const resource = yaml(`
apiVersion: v1
kind: Pod
metadata: {name: nginx-demo3}
spec:
  containers:
  - name: nginx
    image: nginx:latest
    resources: {requests: {memory: 200Mi}}
  - {name: busybox, image: "busybox:latest"}
`);
    const type = { apiVersion: 'v1', kind: 'Pod' };
    const patches = [
      'spec: {containers: [{name: busybox, resources: {requests: {memory: 100Mi, cpu: 100m}}}]}',
      'spec: {containers: [{name: nginx, resources: {requests: {cpu: 100m}}}]}',
    ];
    let current: unknown = resource;
    for (const patch of patches) {
      const outcome = strategicMerge(current, yaml(patch), type);
      expect(outcome.ok).toBe(true);
      if (outcome.ok) current = outcome.value;
    }
    expect(current).toEqual(
      yaml(`
apiVersion: v1
kind: Pod
metadata: {name: nginx-demo3}
spec:
  containers:
  - name: nginx
    image: nginx:latest
    resources: {requests: {memory: 200Mi, cpu: 100m}}
  - name: busybox
    image: busybox:latest
    resources: {requests: {memory: 100Mi, cpu: 100m}}
`),
    );
  });
});
