/**
 * The jest config of the whole repo, in four projects named by how their files run:
 * - unit: the pure tests beside the code (`src/**\/*.test.ts`); no server needed:
 *   `scripts/test --unit` runs them alone, in seconds;
 * - component: tests that start no process of ours and use the real local servers
 *   (`contracts/test/`, `services/<name>/test/`, `test/component/`);
 * - e2e-concurrent: tests across processes through the gateway that only use the shared
 *   platform (`gateway/test/`, `test/e2e/`), two files at a time;
 * - e2e-in-band: those that disturb it, configure it or start their own processes, one at a time.
 * The folder a file lives in is all that decides its project and its place in the run
 * (test/support/run-order.js, sequencer.js); scripts/test runs the projects in the jest runs
 * `jestRuns` lists; docs/testing.md says which folder a new test goes in.
 */
import { componentFolders, concurrentFolders, inBandE2eFolders } from './test/support/run-order.js';

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
  // (unless SMARTCOURSE_TEST_KEEP_PLATFORM=1: a later run adopts it)
  testSequencer: '<rootDir>/test/support/sequencer.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  projects: [
    {
      ...typescript,
      displayName: 'unit',
      testMatch: ['<rootDir>/contracts/src/**/*.test.ts', '<rootDir>/services/*/src/**/*.test.ts', '<rootDir>/gateway/src/**/*.test.ts'],
    },
    { ...typescript, displayName: 'component', testMatch: inFolders(componentFolders) },
    { ...typescript, displayName: 'e2e-concurrent', testMatch: inFolders(concurrentFolders) },
    { ...typescript, displayName: 'e2e-in-band', testMatch: inFolders(inBandE2eFolders) },
  ],
};
