/** Kyverno `patchesJson6902` mutations: RFC 6902 JSON Patch with evanphx/json-patch's options as Kyverno sets them. */
export { parseJson6902, type ParseResult } from './parse.js';
export { applyJsonPatch, type ApplyResult } from './apply.js';
