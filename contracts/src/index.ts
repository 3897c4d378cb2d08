// The whole contract. The subpaths in package.json (catalog, schemas, errors, compatibility) let a
// process that needs only those, such as scripts/sc, skip the HTTP schemas and zod.
export * from './catalog.js';
export * from './schemas.js';
export type * from './generated/records.js';
export * from './http/users.js';
export * from './compatibility.js';
export * from './topology.js';
export * from './http/commands.js';
export * from './http/admin.js';
export * from './http/mfa.js';
export * from './http/sessions.js';
export * from './http/passwords.js';
export * from './errors.js';
export * from './http/courses.js';
export * from './http/quizzes.js';
export * from './name-based-ids.js';
export * from './http/enrollments.js';
export * from './http/certificates.js';
export * from './http/notifications.js';
export * from './http/files.js';
// Two records are named ContentLink: a file's signed content link (this one) and a link of a lesson body (the Avro record in `LessonContent.links`).
export { ContentLink } from './http/files.js';
export * from './http/unsubscribe.js';
export * from './asyncapi.js';
export * from './http/text.js';
export * from './internal/endpoint.js';
export * from './internal/enrollment-progress.js';
export * from './internal/notification.js';
export * from './internal/certificate.js';
export * from './internal/course.js';
export * from './internal/user.js';
export * from './internal/outbox.js';
export * from './internal/media.js';
