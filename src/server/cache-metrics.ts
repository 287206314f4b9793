/** Prometheus metrics of the cluster cache, read from its status at scrape time (nothing is counted per request). */
import { Gauge, type Registry } from 'prom-client';

export interface CacheKindStatus {
  ref: { group: string; version: string; resource: string };
  synced: boolean;
  objects: number;
  relists: number;
  watchRestarts: number;
  msSinceLastEvent: number | undefined;
}

const kindLabel = (ref: CacheKindStatus['ref']): string => (ref.group ? `${ref.resource}.${ref.group}` : ref.resource);

export function registerCacheMetrics(registry: Registry, status: () => readonly CacheKindStatus[]): void {
  const registers = [registry];
  const gauge = (name: string, help: string, value: (s: CacheKindStatus) => number | undefined): void => {
    new Gauge({
      name,
      help,
      labelNames: ['kind'] as const,
      registers,
      collect() {
        this.reset();
        for (const s of status()) {
          const v = value(s);
          if (v !== undefined) this.set({ kind: kindLabel(s.ref) }, v);
        }
      },
    });
  };
  gauge('tollgate_cache_objects', 'Objects held in the cluster cache, by kind.', (s) => s.objects);
  gauge('tollgate_cache_synced', 'Whether the informer of a kind has synced (1) or not (0).', (s) => (s.synced ? 1 : 0));
  gauge('tollgate_cache_relists_total', 'Full relists of a kind after its first list (410 Gone, restarts).', (s) => s.relists);
  gauge('tollgate_cache_watch_restarts_total', 'Watches of a kind restarted after an error or a silent stretch.', (s) => s.watchRestarts);
  gauge('tollgate_cache_seconds_since_last_event', 'Time since the last watch event (bookmarks included) of a kind.', (s) =>
    s.msSinceLastEvent === undefined ? undefined : s.msSinceLastEvent / 1000,
  );
}
