/** Compiled expressions: the library's AST, compiled once and kept in a bounded LRU cache. */
import { compile } from '@jmespath-community/jmespath';

export type AstNode = ReturnType<typeof compile>;
export type NodeOf<K extends AstNode['type']> = Extract<AstNode, { type: K }>;

/** A least-recently-used map of expression text to AST. */
export class AstCache {
  private readonly entries = new Map<string, AstNode>();

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
      this.entries.delete(expression);
      this.entries.set(expression, hit);
      return hit;
    }
    const ast = compileFn(expression);
    if (this.capacity > 0) {
      if (this.entries.size >= this.capacity) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
      this.entries.set(expression, ast);
    }
    return ast;
  }
}
