/** Jest runs the TypeScript sources as ES modules through swc (type checking is `npm run typecheck`). */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'es6' } }],
  },
  testTimeout: 20000,
  // The last line of a run is `N passed, N failed`, the plain closing line CI reads.
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
};
