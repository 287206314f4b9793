import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The engine is pure: no I/O, no framework, no cluster client. Only api/ and its own folders.
const engineForbidden = [
  { group: ['node:*', 'fs', 'fs/*', 'path', 'http', 'https', 'net', 'tls', 'os', 'child_process', 'crypto', 'url', 'stream', 'worker_threads', 'process'], message: 'src/engine is pure: no Node I/O modules.' },
  { group: ['fastify', 'fastify/*', '@fastify/*', '@kubernetes/client-node', 'pino'], message: 'src/engine is pure: no server, cluster or TLS libraries.' },
  { group: ['**/server/**', '**/cluster/**', '**/cli/**', '**/report/**', '**/tls/**', '**/config/**', '**/policy/**', '**/admission/**'], message: 'src/engine imports only api/ and its own folders.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', URL: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: engineForbidden }],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/engine is pure.' }],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'src/engine takes randomness from the caller (EngineEnv.random).' },
        { object: 'Date', property: 'now', message: 'src/engine takes its clock from the caller (EngineEnv.now).' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/engine takes its clock from the caller (EngineEnv.now).' }],
    },
  },
);
