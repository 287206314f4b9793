/** Leader election through a `coordination.k8s.io/v1` Lease: background work runs on one replica at a time. */
import { leaderElector } from './elector.js';
import type { LeaderElection, LeaderElectionOptions } from './types.js';

export type { LeaderElection, LeaderElectionOptions } from './types.js';

/** The Lease Tollgate's replicas elect their leader with (deploy/rbac.yaml grants get/update on this name only). */
export const DEFAULT_LEASE_NAME = 'tollgate-leader';

export function leaderElection(options: LeaderElectionOptions): LeaderElection {
  const { start, stop, isLeader, onChange } = leaderElector(options);
  return { start, stop, isLeader, onChange };
}
