/** Realistic AdmissionReview bodies for the benchmarks. */
import type { AdmissionReview } from '../src/api/admission.js';

export function podReview(i: number): AdmissionReview {
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: `uid-${i}`,
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      namespace: 'shop',
      name: `web-${i}`,
      operation: 'CREATE',
      userInfo: { username: 'system:serviceaccount:kube-system:replicaset-controller', groups: ['system:serviceaccounts', 'system:authenticated'] },
      object: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `web-${i}`,
          namespace: 'shop',
          labels: { 'app.kubernetes.io/name': 'web', 'pod-template-hash': '5d8f9c7b6d' },
          annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-01T10:00:00Z' },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f9c7b6d', uid: '1b2c', controller: true }],
        },
        spec: {
          serviceAccountName: 'web',
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, fsGroup: 2000 },
          initContainers: [{ name: 'migrate', image: 'registry.example.com/shop/migrate:1.4.2', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
          containers: [
            {
              name: 'web',
              image: 'registry.example.com/shop/web:2.31.0',
              ports: [{ containerPort: 8080, protocol: 'TCP' }],
              env: [{ name: 'MODE', value: 'production' }, { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
              resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
              securityContext: { allowPrivilegeEscalation: false, runAsUser: 1000, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true },
              volumeMounts: [{ name: 'cache', mountPath: '/cache' }, { name: 'config', mountPath: '/etc/web' }],
              readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
            },
            {
              name: 'metrics',
              image: 'registry.example.com/shop/exporter:0.9.1',
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            },
          ],
          volumes: [{ name: 'cache', emptyDir: {} }, { name: 'config', configMap: { name: 'web-config' } }],
        },
      },
      dryRun: false,
    },
  };
}

export function deploymentReview(i: number): AdmissionReview {
  const pod = podReview(i).request?.object as { metadata: Record<string, unknown>; spec: unknown };
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: `uid-d-${i}`,
      kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      resource: { group: 'apps', version: 'v1', resource: 'deployments' },
      namespace: 'shop',
      name: 'web',
      operation: 'CREATE',
      userInfo: { username: 'alice@example.com', groups: ['devs', 'system:authenticated'] },
      object: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'web' } },
        spec: { replicas: 3, selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } }, template: { metadata: { labels: { 'app.kubernetes.io/name': 'web' } }, spec: pod.spec } },
      },
    },
  };
}

export function configMapReview(i: number): AdmissionReview {
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: `uid-c-${i}`,
      kind: { group: '', version: 'v1', kind: 'ConfigMap' },
      resource: { group: '', version: 'v1', resource: 'configmaps' },
      namespace: 'shop',
      name: 'web-config',
      operation: 'CREATE',
      userInfo: { username: 'alice@example.com' },
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace: 'shop' }, data: { 'app.yaml': 'mode: production\n' } },
    },
  };
}

/** podReview with the annotation that opts the Pod in to policies/sidecar-injection.yaml (bench (d), bench:mutate). */
export function sidecarReview(i: number): AdmissionReview {
  const review = podReview(i);
  const meta = (review.request?.object as { metadata: { annotations: Record<string, string> } }).metadata;
  meta.annotations = Object.assign({}, meta.annotations, { 'sidecar.istio.io/inject': 'true' });
  return review;
}
