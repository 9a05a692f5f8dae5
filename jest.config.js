module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // lean-qr (bundled into dist/Code.js) and qr (its decoder, tests only) ship ES modules: transpiled like our sources.
  transform: { '\\.(ts|mjs)$': '<rootDir>/test/support/esbuild-transform.js', '/node_modules/qr/.+\\.js$': '<rootDir>/test/support/esbuild-transform.js' },
  transformIgnorePatterns: ['/node_modules/(?!(lean-qr|qr)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/global-setup.js',
  // Jest's default is one worker on a 2-core machine (cores − 1); the fault matrix is split over three files to keep both busy.
  maxWorkers: 2,
  // Long files first when jest has no timings yet (a fresh CI machine), not last by file size.
  testSequencer: '<rootDir>/test/support/sequencer.js',
};
