/**
 * Keeps one fs.watch per directory of interest. Directories, not files: a Kubernetes Secret volume
 * replaces its `..data` symlink atomically, so a watch on the old file's inode would go silent.
 */
import { watch, type FSWatcher } from 'node:fs';

export class DirWatchers {
  private readonly watchers = new Map<string, FSWatcher>();

  constructor(
    private readonly onEvent: () => void,
    private readonly onError: (err: Error) => void,
  ) {}

  /** Watches exactly `dirs`: starts missing watchers, stops those no longer wanted. */
  sync(dirs: ReadonlySet<string>): void {
    for (const [dir, watcher] of this.watchers) {
      if (!dirs.has(dir)) this.stop(dir, watcher);
    }
    for (const dir of dirs) {
      if (this.watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, { persistent: false }, () => this.onEvent());
        watcher.on('error', (err) => {
          // A removed directory (an old Secret revision) ends its watcher; sync re-adds live ones.
          this.stop(dir, watcher);
          this.onError(new Error(`watching ${dir}: ${err.message}`));
        });
        this.watchers.set(dir, watcher);
      } catch (err) {
        this.onError(new Error(`watching ${dir}: ${err instanceof Error ? err.message : String(err)}`));
      }
    }
  }

  watched(): string[] {
    return [...this.watchers.keys()];
  }

  closeAll(): void {
    for (const [dir, watcher] of this.watchers) this.stop(dir, watcher);
  }

  private stop(dir: string, watcher: FSWatcher): void {
    watcher.close();
    if (this.watchers.get(dir) === watcher) this.watchers.delete(dir);
  }
}
