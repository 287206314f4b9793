export type { PolicySet, PolicySource, PolicyStore } from './types.js';
export { buildPolicySet } from './policy-set.js';
export { directorySource, type DirectorySource, type DirectorySourceOptions } from './directory-source.js';
export { combineSources, createPolicyStore, type ManagedPolicyStore, type PolicyStoreOptions } from './policy-store.js';
export { staticSource, type StaticSource } from './static-source.js';
