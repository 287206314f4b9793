export { parseImageReference } from './parse.js';
export type { ImageParseOptions, ImageReference } from './parse.js';
