/**
 * The test folders in the order a run takes them: a file's folder says how it runs, and is all
 * that decides its jest project (jest.config.js) and its place in the run (sequencer.js).
 * Plain JavaScript: jest loads its config and sequencer without the TypeScript transform.
 */

/** Start no process of ours; use the local servers (Kafka, Postgres, ...) directly. */
export const componentFolders = ['contracts/test/', 'services/*/test/', 'test/component/'];

/** The run's shared platform in its default environment (`usePlatform()`): started once for all of them. */
export const sharedPlatformFolders = ['gateway/test/', 'test/e2e/'];

/**
 * The shared platform with an environment of their own for some process (`usePlatform({ env })`):
 * each restarts the processes it configures, once the default-environment files are done.
 */
export const configuredPlatformFolders = ['test/configured-platform/'];

/** Start their own processes on the platform's ports (`startProcess`), stopping the shared platform first. */
export const ownProcessesFolders = ['test/own-processes/'];

export const e2eFolders = [...sharedPlatformFolders, ...configuredPlatformFolders, ...ownProcessesFolders];

/** Every folder in run order, as regular expressions over a path relative to the repository. */
export const runOrder = [...componentFolders, ...e2eFolders].map((folder) => new RegExp(`^${folder.replaceAll('*', '[^/]+')}`));
