export declare const componentFolders: readonly string[];
export declare const concurrentFolders: readonly string[];
export declare const disturbingFolders: readonly string[];
export declare const sharedPlatformFolders: readonly string[];
export declare const configuredPlatformFolders: readonly string[];
export declare const ownProcessesFolders: readonly string[];
export declare const inBandE2eFolders: readonly string[];
export declare const e2eFolders: readonly string[];
export interface JestRun {
  /** What the run holds, for the log. */
  readonly name: string;
  /** Jest projects (jest.config.js displayName). */
  readonly projects: readonly string[];
  /** Files at a time: 1 runs in band. */
  readonly workers: number;
  /** Leave the shared platform up after the run, for the next one. */
  readonly keepPlatform: boolean;
}
export declare const jestRuns: readonly JestRun[];
export declare const runOrder: readonly RegExp[];
export declare const concurrentOrder: readonly RegExp[];
