/** Map-key anchors shared by validate patterns and mutate overlays. */
export type { Anchor, AnchorKind } from './anchor.js';
export { parseAnchor, formatAnchor, anchorKind, anchorKey, isConditionalAnchor, hasNestedAnchors } from './anchor.js';
