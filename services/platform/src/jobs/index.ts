export * from './job.js';
export * from './purge.js';
export * from './config.js';
export * from './scheduler.js';
export * from './message-store-jobs.js';
