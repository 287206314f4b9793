/** Outcome of matching a resource against a validate `pattern`. */
export type PatternResult =
  | { kind: 'pass' }
  /** A conditional `(key)` or global `<(key)` anchor did not hold: the rule does not apply (Kyverno "skip"). */
  | { kind: 'skip'; path: string; reason: string }
  /**
   * The resource violates the pattern at `path` (Kyverno's `/a/b/0/c/` format). An EMPTY path is Kyverno's
   * path-less mismatch, which it reports as a rule *error* rather than a failure: an anchored key of the pattern
   * was absent from the resource, or nested pattern lists are longer than the resource's.
   */
  | { kind: 'fail'; path: string; expected: string; actual: string; reason: string };

/**
 * Internal mismatch while walking: `skip` for conditional/global anchor misses (they propagate up and
 * turn into a skip), `negation` for a present `X(key)`, `plain` for everything else.
 */
export interface Mismatch {
  readonly class: 'plain' | 'negation' | 'skip';
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
  readonly reason: string;
}

/** Anchor keys seen in pattern maps, and whether any visited resource map had the key (Kyverno's AnchorMap). */
export type AnchorPresence = Map<string, boolean>;

/**
 * The walk's state for one match: anchor presence, and the path to the current place as a stack of keys and
 * indexes, turned into Kyverno's `/a/b/0/` text only when a mismatch is reported.
 */
export class MatchState {
  readonly seen: AnchorPresence = new Map();
  private readonly segments: (string | number)[] = [];

  enter(segment: string | number): void {
    this.segments.push(segment);
  }

  leave(): void {
    this.segments.pop();
  }

  /** The current path, e.g. `/spec/containers/0/`; `/` at the root. */
  path(): string {
    const s = this.segments;
    return s.length === 0 ? '/' : `/${s.join('/')}/`;
  }
}
