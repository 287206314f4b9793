/** Shapes of the Pod Security Standards evaluation: the public outcome and the internal check model. */

/** One violated PSS control, after `exclude` waivers. */
export interface PssViolation {
  /** Kyverno control name ("Privileged Containers", "Seccomp", ...). */
  control: string;
  /** pod-security-admission style: `reason (detail)`. */
  message: string;
  /** Offending fields, relative to the evaluated resource (`spec.template.spec...` for controllers). */
  fields: string[];
  /** Images of the containers that caused the violation (empty for pod-level ones). */
  images: string[];
  /** pod-security-admission check ID (`privileged`, `seccompProfile_restricted`, ...). */
  checkId: string;
  reason: string;
  detail: string;
  /** Field errors as Kyverno reports them, with the same resource-relative paths as `fields`. */
  errors: PssFieldError[];
}

export type PssOutcome = { kind: 'pass' } | { kind: 'fail'; violations: PssViolation[] } | { kind: 'error'; message: string };

/** Bad values carried by a field error, as the Kyverno fork of pod-security-admission records them. */
export type BadValue = string | number | boolean | string[] | null;

export interface PssFieldError {
  /** `required`: the field must be set; `forbidden`: the value set is not allowed. */
  type: 'forbidden' | 'required';
  field: string;
  badValue: BadValue;
}

export type PssLevel = 'baseline' | 'restricted';

/** A failed check: pod-security-admission's ForbiddenReason/ForbiddenDetail plus field errors. */
export interface CheckFailure {
  reason: string;
  detail: string;
  errors: PssFieldError[];
}

export type CheckFn = (pod: PodView) => CheckFailure | null;

export interface VersionedCheck {
  /** Minor version of Kubernetes 1.x from which this implementation applies. */
  minMinor: number;
  run: CheckFn;
}

export interface Check {
  id: string;
  level: PssLevel;
  /** Ordered by minMinor, oldest first. */
  versions: VersionedCheck[];
}

/** A failed check with its ID, as produced by one evaluation. */
export interface CheckResult extends CheckFailure {
  id: string;
}

// ---- Typed view of the pod fields the checks read (Go zero values: absent and null are the same). ----

export interface SeLinuxView {
  type: string;
  user: string;
  role: string;
}

/** Fields common to pod- and container-level security contexts. */
export interface SecurityContextBase {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  /** Set when `seccompProfile` is an object; its type may be empty. */
  seccompType?: string;
  appArmorType?: string;
  seLinux?: SeLinuxView;
  windowsHostProcess?: boolean;
}

export interface PodSecurityContextView extends SecurityContextBase {
  sysctls: string[];
}

export interface ContainerSecurityContextView extends SecurityContextBase {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  procMount?: string;
  /** Set when `capabilities` is an object. */
  capabilities?: { add: string[]; drop: string[] };
}

/** A `host` set in a probe or lifecycle handler, with its path below the container. */
export interface HandlerHost {
  path: string;
  host: string;
}

export interface ContainerView {
  name: string;
  image: string;
  /** `spec.containers[0]`, `spec.initContainers[1]`, ... */
  path: string;
  securityContext?: ContainerSecurityContextView;
  hostPorts: { index: number; hostPort: number }[];
  handlerHosts: HandlerHost[];
}

export interface VolumeView {
  name: string;
  /** Volume source keys present with a non-null value. */
  sources: string[];
  hostPath?: string;
}

export interface PodView {
  name: string;
  namespace: string;
  annotations: Record<string, string>;
  hostNetwork: boolean;
  hostPID: boolean;
  hostIPC: boolean;
  hostUsers?: boolean;
  osName: string;
  securityContext?: PodSecurityContextView;
  initContainers: ContainerView[];
  containers: ContainerView[];
  ephemeralContainers: ContainerView[];
  volumes: VolumeView[];
}
