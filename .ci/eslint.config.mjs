// Lint and module boundaries. Run from the repository root: `npm run lint`.
// (With --config, ESLint resolves the patterns below against the working directory.)
import tseslint from 'typescript-eslint';

const frameworkImports = [
  { group: ['@nestjs/*', 'typeorm', 'typeorm/*', '@angular/*', 'express', 'pg'], message: 'libs/ is framework-free: no NestJS, TypeORM, Angular or server-only imports.' },
  { group: ['**/server/**', '**/admin/**', '../../server/*', '../../admin/*'], message: 'libs/ must not import from server/ or admin/.' },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'dist/**', '.angular/**', '**/*.js', '**/*.mjs', 'test-artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: frameworkImports }] },
  },
  {
    // Browser code reports failures to the developer console; the server logs through pino.
    files: ['admin/**/*.ts', 'libs/chat-element/**/*.ts', 'libs/chat-page/**/*.ts'],
    rules: { 'no-console': ['error', { allow: ['error', 'warn'] }] },
  },
  {
    files: ['admin/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '@nestjs/*', 'typeorm'], message: 'The admin talks to the server over HTTP only.' }] }] },
  },
  {
    files: ['server/**/*.ts', 'migrations/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/admin/**', '@angular/*'], message: 'The server must not import the admin app.' }] }] },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
