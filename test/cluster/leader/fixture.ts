/** Per-test setup of the leader-election suites: a fresh fake API server, candidates and logs cleaned up after. */
import { KubeConfig } from '@kubernetes/client-node';
import { type Elector, leaderElector } from '../../../src/cluster/leader/elector.js';
import { DEFAULT_LEASE_NAME, type LeaderElectionOptions } from '../../../src/cluster/leader/index.js';
import { type FakeApiServer, startFakeApiServer } from '../../support/fake-apiserver/index.js';
import { type ApiProxy, LeadershipLog, startApiProxy } from './support.js';

export const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' } as const;
export const NS = 'tollgate';
export const NAME = DEFAULT_LEASE_NAME;
export const LEASE_PATH = `/apis/coordination.k8s.io/v1/namespaces/${NS}/leases/${NAME}`;
export const MICRO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
/** Short timings keep the suites fast: 1 s lease, 600 ms renew deadline, 100 ms retry. */
export const FAST = { leaseDurationSeconds: 1, renewDeadlineSeconds: 0.6, retryPeriodSeconds: 0.1 } as const;

export interface LeaseSpecJson {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

export interface LeaderFixture {
  readonly server: FakeApiServer;
  readonly kc: KubeConfig;
  /** A candidate with the FAST timings (overridable), stopped after the test. */
  candidate(identity: string, extra?: Partial<LeaderElectionOptions>): Elector;
  log(candidates: Record<string, Elector>): LeadershipLog;
  proxy(): Promise<ApiProxy>;
  /** The stored Lease's spec ({} when absent). */
  spec(): LeaseSpecJson;
  holder(): string | undefined;
}

/** Registers beforeEach/afterEach hooks; call at the top of a test file. */
export function useLeaderFixture(): LeaderFixture {
  let server: FakeApiServer | undefined;
  let kc: KubeConfig | undefined;
  let electors: Elector[] = [];
  let proxies: ApiProxy[] = [];
  let logs: LeadershipLog[] = [];
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('leader fixture used outside a test');
    return value;
  };

  beforeEach(async () => {
    server = await startFakeApiServer();
    kc = new KubeConfig();
    kc.loadFromFile(server.kubeconfigPath);
  });

  afterEach(async () => {
    logs.forEach((l) => l.close());
    await Promise.all(electors.map((e) => e.stop()));
    await Promise.all(proxies.map((p) => p.close()));
    await server?.close();
    electors = [];
    proxies = [];
    logs = [];
  });

  const fixture: LeaderFixture = {
    get server() {
      return ready(server);
    },
    get kc() {
      return ready(kc);
    },
    candidate(identity, extra = {}) {
      const e = leaderElector({ kubeConfig: ready(kc), namespace: NS, name: NAME, identity, ...FAST, ...extra });
      electors.push(e);
      return e;
    },
    log(candidates) {
      const l = new LeadershipLog(candidates);
      logs.push(l);
      return l;
    },
    async proxy() {
      const p = await startApiProxy(ready(server).url);
      proxies.push(p);
      return p;
    },
    spec: () => (ready(server).get(LEASES, NAME, NS)?.spec ?? {}) as LeaseSpecJson,
    holder: () => fixture.spec().holderIdentity,
  };
  return fixture;
}
