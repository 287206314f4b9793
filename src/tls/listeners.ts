/** A set of change listeners; one listener throwing never stops the others. */
import type { TlsMaterial } from './types.js';

export type MaterialListener = (material: TlsMaterial) => void;

export class Listeners {
  private readonly set = new Set<MaterialListener>();

  constructor(private readonly onError: (err: Error) => void) {}

  add(listener: MaterialListener): () => void {
    // Wrap so that registering the same function twice yields two independent subscriptions.
    const entry: MaterialListener = (material) => listener(material);
    this.set.add(entry);
    return () => {
      this.set.delete(entry);
    };
  }

  emit(material: TlsMaterial): void {
    for (const listener of [...this.set]) {
      try {
        listener(material);
      } catch (err) {
        this.onError(err instanceof Error ? err : new Error(String(err)));
      }
    }
  }

  clear(): void {
    this.set.clear();
  }
}
