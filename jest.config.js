/**
 * One jest run for the whole repo, in two projects:
 * - unit: the pure tests beside the code (`src/**\/*.test.ts`), no server needed:
 *   `scripts/test --unit` runs them alone, in seconds;
 * - integration: component tests of a service (`<package>/test/`) and end-to-end tests
 *   (`test/`), against the real local servers and processes that scripts/test starts.
 */
const typescript = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.base.json' }],
  },
};

export default {
  testTimeout: 60_000,
  // files sharing the platform run together; the last one up is stopped after the run
  testSequencer: '<rootDir>/test/support/sequencer.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  projects: [
    {
      ...typescript,
      displayName: 'unit',
      testMatch: ['<rootDir>/contracts/src/**/*.test.ts', '<rootDir>/services/*/src/**/*.test.ts', '<rootDir>/gateway/src/**/*.test.ts'],
    },
    {
      ...typescript,
      displayName: 'integration',
      testMatch: ['<rootDir>/contracts/test/**/*.test.ts', '<rootDir>/services/*/test/**/*.test.ts', '<rootDir>/gateway/test/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
    },
  ],
};
