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
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  // Jest's default is one worker on a 2-core machine (cores − 1); the fault matrix is split over three files to keep both busy.
  maxWorkers: 2,
  // A worker that ends a file holding more than this is replaced before its next file. V8 frees a script context
  // (every execution of dist/Code.js makes one) only after several collections between tasks, so a worker that runs
  // heavy files back to back carries them over: one reached its 4 GB heap limit in CI and crashed (session 7).
  workerIdleMemoryLimit: '1536MB',
  // Long files first when jest has no timings yet (a fresh CI machine), not last by file size.
  testSequencer: '<rootDir>/test/support/sequencer.js',
};
