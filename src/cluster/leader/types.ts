/** Public shapes of leader election through a `coordination.k8s.io/v1` Lease. */
import type { KubeConfig } from '@kubernetes/client-node';

export interface LeaderElectionOptions {
  kubeConfig: KubeConfig;
  /** Where the Lease lives (Tollgate's namespace). */
  namespace: string;
  /** Lease name, e.g. 'tollgate-leader'. */
  name: string;
  /** This replica (pod name + random suffix). */
  identity: string;
  /** Default 15; a whole number of seconds (the Lease field is an integer). */
  leaseDurationSeconds?: number;
  /** Default 10: give up leadership if a renewal has not succeeded for this long. */
  renewDeadlineSeconds?: number;
  /** Default 2. */
  retryPeriodSeconds?: number;
  /** Clock in milliseconds (tests). */
  now?: () => number;
  onProblem?(err: unknown): void;
}

export interface LeaderElection {
  start(): void;
  /** Stops campaigning; a leader releases the Lease (holderIdentity emptied) so another replica takes over at once. */
  stop(): Promise<void>;
  isLeader(): boolean;
  /** Called on every change of leadership (true: became leader). Listener errors are contained. */
  onChange(listener: (leader: boolean) => void): () => void;
}
