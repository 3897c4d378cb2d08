/**
 * One jest run for the whole repo, in three projects named by how their files run:
 * - unit: the pure tests beside the code (`src/**\/*.test.ts`); no server needed:
 *   `scripts/test --unit` runs them alone, in seconds;
 * - component: tests that start no process of ours and use the real local servers
 *   (`contracts/test/`, `services/<name>/test/`, `test/component/`);
 * - e2e: tests across processes through the gateway, in the folders of `runOrder` below.
 * The folder a file lives in is all that decides its project and its place in the run
 * (test/support/sequencer.js); docs/testing.md says which folder a new test goes in.
 */
import { componentFolders, e2eFolders } from './test/support/run-order.js';

const typescript = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.base.json' }],
  },
};

const inFolders = (folders) => folders.map((folder) => `<rootDir>/${folder}**/*.test.ts`);

export default {
  testTimeout: 60_000,
  // the files of one folder run together, so a shared platform starts once; stopped after the run
  testSequencer: '<rootDir>/test/support/sequencer.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  projects: [
    {
      ...typescript,
      displayName: 'unit',
      testMatch: ['<rootDir>/contracts/src/**/*.test.ts', '<rootDir>/services/*/src/**/*.test.ts', '<rootDir>/gateway/src/**/*.test.ts'],
    },
    { ...typescript, displayName: 'component', testMatch: inFolders(componentFolders) },
    { ...typescript, displayName: 'e2e', testMatch: inFolders(e2eFolders) },
  ],
};
