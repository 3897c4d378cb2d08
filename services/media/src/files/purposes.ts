import type { FilePurpose, Role } from '@smartcourse/contracts';

/**
 * What each purpose takes: who may upload it, the content types (as sniffed from the bytes) and
 * the largest size, and whose rule decides who reads it. A type not listed is refused (415), so
 * nothing a browser would run (HTML, SVG, scripts) is ever served back from the platform.
 */
export interface PurposeRule {
  uploaders: 'anyone' | readonly Role[];
  types: readonly string[];
  maxBytes: number;
  /** `public`: anyone; `course`: the course service (a lesson's or a submission's file); `owner`: the uploader and admins. */
  readers: 'public' | 'course' | 'owner';
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

const images = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
const documents = [
  'application/pdf',
  'text/plain',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
];
const videos = ['video/mp4', 'video/webm', 'video/quicktime', 'video/x-matroska'];
const audio = ['audio/mpeg', 'audio/mp4', 'audio/x-m4a', 'audio/ogg', 'audio/wav', 'audio/webm'];
const teachers = ['instructor', 'admin'] as const;

export const purposeRules: Readonly<Record<FilePurpose, PurposeRule>> = {
  avatar: { uploaders: 'anyone', types: images, maxBytes: 5 * MiB, readers: 'public' },
  'course-thumbnail': { uploaders: teachers, types: images, maxBytes: 10 * MiB, readers: 'public' },
  'lesson-attachment': { uploaders: teachers, types: [...documents, ...images, ...audio, ...videos], maxBytes: 500 * MiB, readers: 'course' },
  'lesson-video': { uploaders: teachers, types: videos, maxBytes: 8 * GiB, readers: 'course' },
  submission: { uploaders: ['student'], types: [...documents, ...images, ...audio, ...videos], maxBytes: 100 * MiB, readers: 'course' },
  // The classroom service, when it comes, will decide who reads these; until then the uploader and admins.
  'classroom-material': { uploaders: teachers, types: [...documents, ...images, ...audio, ...videos], maxBytes: 500 * MiB, readers: 'owner' },
  recording: { uploaders: teachers, types: [...videos, ...audio], maxBytes: 8 * GiB, readers: 'owner' },
};
