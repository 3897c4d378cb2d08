/**
 * The test folders in the order a run takes them: a file's folder says how it runs, and is all
 * that decides its jest project (jest.config.js), its place in the run (sequencer.js) and whether
 * it runs beside another file (`jestRuns`, read by scripts/test).
 * Plain JavaScript: jest loads its config and sequencer without the TypeScript transform.
 */

/** Start no process of ours; use the local servers (Kafka, Postgres, ...) directly. */
export const componentFolders = ['contracts/test/', 'services/*/test/', 'test/component/'];

/**
 * The shared platform in its default environment (`usePlatform()`), used as a client does: unique
 * people, courses and keys, extra processes on ports of their own. Two files run side by side.
 */
export const concurrentFolders = ['gateway/test/', 'test/e2e/'];

/**
 * The shared platform in its default environment, disturbed or needed quiet: a server restarted or
 * stopped, a process killed, topics replayed or rebuilt into live replicas, global counts (every
 * dead letter, every topic's end). One file at a time, after the concurrent ones.
 */
export const disturbingFolders = ['test/disturbing/'];

/** Every folder whose files use the shared platform in its default environment. */
export const sharedPlatformFolders = [...concurrentFolders, ...disturbingFolders];

/**
 * The shared platform with an environment of their own for some process (`usePlatform({ env })`):
 * each restarts the processes it configures, once the default-environment files are done.
 */
export const configuredPlatformFolders = ['test/configured-platform/'];

/** Start their own processes on the platform's ports (`startProcess`), stopping the shared platform first. */
export const ownProcessesFolders = ['test/own-processes/'];

/** The end-to-end folders that run one file at a time. */
export const inBandE2eFolders = [...disturbingFolders, ...configuredPlatformFolders, ...ownProcessesFolders];

export const e2eFolders = [...concurrentFolders, ...inBandE2eFolders];

/**
 * The jest runs of scripts/test, one after another, each over the jest projects it names
 * (jest.config.js). `keepPlatform`: the run's global teardown leaves the shared platform up for
 * the next run, which adopts it (test/support/shared-platform.ts).
 */
export const jestRuns = [
  { name: 'unit and component', projects: ['unit', 'component'], workers: 1, keepPlatform: false },
  { name: 'e2e, two files at a time', projects: ['e2e-concurrent'], workers: 2, keepPlatform: true },
  { name: 'e2e, one file at a time', projects: ['e2e-in-band'], workers: 1, keepPlatform: false },
];

/** Every folder in run order, as regular expressions over a path relative to the repository. */
export const runOrder = [...componentFolders, ...e2eFolders].map((folder) => new RegExp(`^${folder.replaceAll('*', '[^/]+')}`));

/** The folders whose files run side by side, as regular expressions like `runOrder`'s. */
export const concurrentOrder = concurrentFolders.map((folder) => new RegExp(`^${folder}`));
