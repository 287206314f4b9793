/** Generated install manifests (pure): the policy and policy report CRDs and their structural schemas. */
export { toStructural, type OpenApiSchema, type Descriptions } from './crd-schema.js';
export { policyCrds, policyOpenApiSchema, type CustomResourceDefinition } from './crds.js';
export { reportCrds, reportOpenApiSchema } from './report-crds.js';
export { renderCrdFiles, type RenderedFile } from './render.js';
export { POLICY_DESCRIPTIONS } from './descriptions.js';
