/** Generated install manifests (pure): the policy CRDs and their structural schema. */
export { toStructural, type OpenApiSchema, type Descriptions } from './crd-schema.js';
export { policyCrds, policyOpenApiSchema, type CustomResourceDefinition } from './crds.js';
export { renderCrdFiles, type RenderedFile } from './render.js';
export { POLICY_DESCRIPTIONS } from './descriptions.js';
