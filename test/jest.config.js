/** jest for everything: unit specs beside the code and e2e tests in test/. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs', ignoreDynamic: true },
  },
];

/** ESM-only packages in node_modules, converted to CommonJS for jest. */
const esm = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  roots: ['<rootDir>/server', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/test/browser/'],
  transform: { '^.+\\.ts$': swc, '/node_modules/.+\\.m?js$': esm },
  // openid-client and its dependencies ship ESM only; jest (CJS, Node 20) needs them transformed.
  transformIgnorePatterns: ['/node_modules/(?!(jose|openid-client|oauth4webapi)/)'],
  moduleNameMapper: {
    '^@atrium/protocol$': '<rootDir>/libs/protocol/src/index.ts',
    '^@atrium/widgets$': '<rootDir>/libs/widgets/src/index.ts',
  },
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 30000,
  maxWorkers: 2,
};
