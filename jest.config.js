/** Tests run through @swc/jest (transpile only); `npm test` type-checks with tsc first. */
module.exports = {
  testEnvironment: 'node',
  // Every core: jest's default leaves one for its own process, which mostly waits (2 cores: 15 s instead of 23 s).
  maxWorkers: '100%',
  roots: ['<rootDir>/test'],
  // One temporary folder per run, removed at its end (test/temp-folder.cjs).
  globalSetup: '<rootDir>/test/temp-folder-setup.cjs',
  globalTeardown: '<rootDir>/test/temp-folder-teardown.cjs',
  testMatch: ['**/*.test.ts'],
  // .ts before .js: a build (jsii) leaves compiled lib/*.js next to the sources.
  moduleFileExtensions: ['ts', 'js', 'json'],
  // examples/ import the library by its package name, as a user's app does.
  moduleNameMapper: { '^cdk8s-durable-task$': '<rootDir>/lib/index.ts' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' } }],
  },
};
