/** A set of change listeners; one listener that throws never stops the others or the caller. */
export class Listeners<A extends unknown[] = []> {
  private readonly set = new Set<(...args: A) => void>();

  constructor(private readonly onListenerError: (err: unknown) => void = () => undefined) {}

  add(listener: (...args: A) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(...args: A): void {
    for (const l of [...this.set]) {
      try {
        l(...args);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }
}
