/**
 * Reads the pod metadata and spec out of a Pod or pod controller into a typed view.
 * Values of the wrong JSON type count as absent, like Go's zero values for fields it never set.
 */
import { isRecord } from '../../api/json.js';
import type {
  ContainerSecurityContextView,
  ContainerView,
  HandlerHost,
  PodSecurityContextView,
  PodView,
  SecurityContextBase,
  SeLinuxView,
  VolumeView,
} from './types.js';

type Rec = Record<string, unknown>;

const CONTROLLER_KINDS = new Set(['DaemonSet', 'Deployment', 'Job', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

export interface ExtractedPod {
  pod: PodView;
  /** Prefix turning a pod field path (`spec...`, `metadata...`) into one relative to the resource. */
  fieldPrefix: string;
}

export type ExtractResult = { ok: true; value: ExtractedPod } | { ok: false; message: string };

const rec = (v: unknown): Rec | undefined => (isRecord(v) ? v : undefined);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const optStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const optBool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const optNum = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strList = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === 'string');

/** Kyverno reads a CronJob's metadata from `spec.jobTemplate.metadata` (not the pod template's); kept for parity. */
export function extractPod(resource: unknown): ExtractResult {
  const obj = rec(resource);
  if (!obj) return { ok: false, message: 'resource is not an object' };
  const kind = str(obj.kind);
  if (kind === 'Pod') {
    return { ok: true, value: { pod: parsePod(rec(obj.metadata), rec(obj.spec)), fieldPrefix: '' } };
  }
  if (CONTROLLER_KINDS.has(kind)) {
    const template = rec(rec(obj.spec)?.template);
    return { ok: true, value: { pod: parsePod(rec(template?.metadata), rec(template?.spec)), fieldPrefix: 'spec.template.' } };
  }
  if (kind === 'CronJob') {
    const jobTemplate = rec(rec(obj.spec)?.jobTemplate);
    const template = rec(rec(jobTemplate?.spec)?.template);
    return {
      ok: true,
      value: { pod: parsePod(rec(jobTemplate?.metadata), rec(template?.spec)), fieldPrefix: 'spec.jobTemplate.spec.template.' },
    };
  }
  return { ok: false, message: `could not find correct resource type: kind ${JSON.stringify(kind)} has no pod template` };
}

export function parsePod(metadata: Rec | undefined, spec: Rec | undefined): PodView {
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(metadata?.annotations) ?? {})) if (typeof v === 'string') annotations[k] = v;
  const s = spec ?? {};
  return {
    name: str(metadata?.name),
    namespace: str(metadata?.namespace),
    annotations,
    hostNetwork: s.hostNetwork === true,
    hostPID: s.hostPID === true,
    hostIPC: s.hostIPC === true,
    hostUsers: optBool(s.hostUsers),
    osName: str(rec(s.os)?.name),
    securityContext: parsePodSecurityContext(rec(s.securityContext)),
    initContainers: parseContainers(s.initContainers, 'initContainers'),
    containers: parseContainers(s.containers, 'containers'),
    ephemeralContainers: parseContainers(s.ephemeralContainers, 'ephemeralContainers'),
    volumes: list(s.volumes).map(parseVolume),
  };
}

/** Re-index containers under their list, as they would be in a pod built from them. */
export function reindex(containers: ContainerView[], listName: string): ContainerView[] {
  return containers.map((c, i) => ({ ...c, path: `spec.${listName}[${i}]` }));
}

function parseSeLinux(v: unknown): SeLinuxView | undefined {
  const o = rec(v);
  return o ? { type: str(o.type), user: str(o.user), role: str(o.role) } : undefined;
}

function typeOf(v: unknown): string | undefined {
  const o = rec(v);
  return o ? str(o.type) : undefined;
}

/** The fields pod and container security contexts share. */
function parseSecurityContextBase(sc: Rec): SecurityContextBase {
  return {
    runAsNonRoot: optBool(sc.runAsNonRoot),
    runAsUser: optNum(sc.runAsUser),
    seccompType: typeOf(sc.seccompProfile),
    appArmorType: typeOf(sc.appArmorProfile),
    seLinux: parseSeLinux(sc.seLinuxOptions),
    windowsHostProcess: optBool(rec(sc.windowsOptions)?.hostProcess),
  };
}

function parsePodSecurityContext(sc: Rec | undefined): PodSecurityContextView | undefined {
  if (!sc) return undefined;
  // Object.assign, not spread: spreading into a literal with more keys is a slow path in V8 (hot per request).
  return Object.assign(parseSecurityContextBase(sc), { sysctls: list(sc.sysctls).map((x) => str(rec(x)?.name)) });
}

function parseContainerSecurityContext(sc: Rec | undefined): ContainerSecurityContextView | undefined {
  if (!sc) return undefined;
  const caps = rec(sc.capabilities);
  return Object.assign(parseSecurityContextBase(sc), {
    privileged: optBool(sc.privileged),
    allowPrivilegeEscalation: optBool(sc.allowPrivilegeEscalation),
    procMount: optStr(sc.procMount),
    capabilities: caps ? { add: strList(caps.add), drop: strList(caps.drop) } : undefined,
  });
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const HOOKS = ['postStart', 'preStop'];
const HANDLER_KINDS = ['httpGet', 'tcpSocket'];

function handlerHosts(c: Rec): HandlerHost[] {
  const out: HandlerHost[] = [];
  const visit = (handler: unknown, base: string): void => {
    const h = rec(handler);
    if (!h) return;
    for (const kind of HANDLER_KINDS) {
      const host = str(rec(h[kind])?.host);
      if (host !== '') out.push({ path: `${base}.${kind}.host`, host });
    }
  };
  for (const probe of PROBES) visit(c[probe], probe);
  const lifecycle = rec(c.lifecycle);
  if (lifecycle) for (const hook of HOOKS) visit(lifecycle[hook], `lifecycle.${hook}`);
  return out;
}

function parseContainers(v: unknown, listName: string): ContainerView[] {
  return list(v).map((raw, i) => {
    const c = rec(raw) ?? {};
    return {
      name: str(c.name),
      image: str(c.image),
      path: `spec.${listName}[${i}]`,
      securityContext: parseContainerSecurityContext(rec(c.securityContext)),
      hostPorts: list(c.ports).map((p, index) => ({ index, hostPort: optNum(rec(p)?.hostPort) ?? 0 })),
      handlerHosts: handlerHosts(c),
    };
  });
}

function parseVolume(raw: unknown): VolumeView {
  const v = rec(raw) ?? {};
  const sources = Object.keys(v).filter((k) => k !== 'name' && v[k] !== null && v[k] !== undefined);
  const hostPath = rec(v.hostPath);
  return { name: str(v.name), sources, hostPath: hostPath ? str(hostPath.path) : undefined };
}
