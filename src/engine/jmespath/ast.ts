/** Compiled expressions: the library's AST, compiled once and kept in a bounded LRU cache. */
import { compile } from '@jmespath-community/jmespath';

export type AstNode = ReturnType<typeof compile>;
export type NodeOf<K extends AstNode['type']> = Extract<AstNode, { type: K }>;

/**
 * A least-recently-used map of expression text to AST. A hit only stamps the entry with a use counter
 * (re-inserting into the Map on every hit cost more than evaluating short expressions); the stalest
 * entry is looked up only when a new expression must make room.
 */
export class AstCache {
  private readonly entries = new Map<string, { ast: AstNode; used: number }>();
  private clock = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  has(expression: string): boolean {
    return this.entries.has(expression);
  }

  /** Returns the cached AST (refreshing its recency) or compiles and stores it; compile errors propagate. */
  get(expression: string, compileFn: (expression: string) => AstNode = compile): AstNode {
    const hit = this.entries.get(expression);
    if (hit) {
      hit.used = ++this.clock;
      return hit.ast;
    }
    const ast = compileFn(expression);
    if (this.capacity > 0) {
      if (this.entries.size >= this.capacity) this.evictStalest();
      this.entries.set(expression, { ast, used: ++this.clock });
    }
    return ast;
  }

  private evictStalest(): void {
    let stalest: string | undefined;
    let oldest = Infinity;
    for (const [expression, entry] of this.entries) {
      if (entry.used < oldest) {
        oldest = entry.used;
        stalest = expression;
      }
    }
    if (stalest !== undefined) this.entries.delete(stalest);
  }
}
