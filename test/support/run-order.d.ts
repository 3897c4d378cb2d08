export declare const componentFolders: readonly string[];
export declare const sharedPlatformFolders: readonly string[];
export declare const configuredPlatformFolders: readonly string[];
export declare const ownProcessesFolders: readonly string[];
export declare const e2eFolders: readonly string[];
export declare const runOrder: readonly RegExp[];
