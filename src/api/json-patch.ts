/** RFC 6902 JSON Patch operations: what patchesJson6902 rules contain and what the /mutate route answers with. */

export type JsonPatchOp =
  | { op: 'add'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'replace'; path: string; value: unknown }
  | { op: 'move'; from: string; path: string }
  | { op: 'copy'; from: string; path: string }
  | { op: 'test'; path: string; value: unknown };

export type JsonPatchOpName = JsonPatchOp['op'];
