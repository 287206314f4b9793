/** Test helpers for leader election: a proxy that can fail or hang one replica's API traffic, and a leadership log. */
import { type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import type { LeaderElection } from '../../../src/cluster/leader/index.js';
import { kubeconfigText } from '../../support/fake-apiserver/index.js';

export type ProxyMode = 'pass' | 'fail' | 'hang';

export interface ApiProxy {
  readonly kubeConfig: KubeConfig;
  mode: ProxyMode;
  close(): Promise<void>;
}

/** Forwards to `target` ('pass'), answers 500 ('fail'), or never answers ('hang'): a replica cut off from the API. */
export async function startApiProxy(target: string): Promise<ApiProxy> {
  const held: ServerResponse[] = [];
  const proxy: ApiProxy = { kubeConfig: new KubeConfig(), mode: 'pass', close: async () => undefined };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (proxy.mode === 'hang') return void held.push(res);
    if (proxy.mode === 'fail') {
      res.writeHead(500, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ apiVersion: 'v1', kind: 'Status', status: 'Failure', message: 'proxy: injected failure', code: 500 }));
    }
    const upstream = request(target + (req.url ?? '/'), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.kubeConfig.loadFromString(kubeconfigText(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  proxy.close = async () => {
    held.forEach((r) => r.destroy());
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}

export interface Change {
  who: string;
  leader: boolean;
  at: number;
}

/** Records every onChange of several candidates, and samples isLeader() to catch two leaders at once. */
export class LeadershipLog {
  readonly changes: Change[] = [];
  /** Sample times at which more than one candidate said it was leader. */
  readonly overlaps: number[] = [];
  private readonly sampler: ReturnType<typeof setInterval>;

  constructor(private readonly candidates: Record<string, LeaderElection>) {
    for (const [who, c] of Object.entries(candidates)) c.onChange((leader) => this.changes.push({ who, leader, at: Date.now() }));
    this.sampler = setInterval(() => {
      if (Object.values(this.candidates).filter((c) => c.isLeader()).length > 1) this.overlaps.push(Date.now());
    }, 5);
  }

  leaders(): string[] {
    return Object.entries(this.candidates).filter(([, c]) => c.isLeader()).map(([who]) => who);
  }

  /** The first change matching, after `since`. */
  find(who: string, leader: boolean, since = 0): Change | undefined {
    return this.changes.find((c) => c.who === who && c.leader === leader && c.at >= since);
  }

  /** A candidate that died without stepping down (halt) stopped leading at `at`. */
  died(who: string, at: number): void {
    this.changes.push({ who, leader: false, at });
  }

  /** Leadership intervals from the onChange calls must never overlap between candidates. */
  intervalsOverlap(): boolean {
    const open = new Set<string>();
    for (const c of this.changes) {
      if (c.leader) {
        if (open.size > 0) return true;
        open.add(c.who);
      } else open.delete(c.who);
    }
    return false;
  }

  close(): void {
    clearInterval(this.sampler);
  }
}

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
