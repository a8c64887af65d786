/**
 * Browser tests: real headless Chromium (playwright-core, /usr/bin/chromium) driving the
 * built UI. `npm run test:browser`.
 *
 * Built on test/jest.config.js so the transforms (TypeScript via @swc/jest, the ESM-only
 * packages the server needs), module aliases and the PostgreSQL global setup/teardown stay
 * the same as the e2e suite's: DB-backed browser tests boot the real app with
 * createTestApp(); the <atrium-chat> spec against the fake endpoint does not need the DB.
 */
const base = require('../jest.config.js');

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.browser-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // libs/chat-element and libs/chat-page import with `.js` suffixes (ESM style); map them to the .ts sources.
  moduleNameMapper: { ...base.moduleNameMapper, '^(\\.{1,2}/.*)\\.js$': '$1' },
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 60000,
  // One Chromium per file; files run one at a time (2-core machines).
  maxWorkers: 1,
};
