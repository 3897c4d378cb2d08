export * from './catalog.js';
export * from './schemas.js';
export type * from './generated/records.js';
export * from './http/users.js';
export * from './compatibility.js';
export * from './http/commands.js';
export * from './http/admin.js';
export * from './http/mfa.js';
export * from './http/sessions.js';
