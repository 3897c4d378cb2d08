import { createHash } from 'node:crypto';

/**
 * The one enrollment id of a student in a course: a name-based UUID (version 5 layout, SHA-1 of
 * both ids), so the gateway and the service agree on it without a lookup, and a re-enrollment
 * after a drop finds the same enrollment.
 */
export function enrollmentIdOf(studentId: string, courseId: string): string {
  const hash = createHash('sha1').update(`smartcourse-enrollment:${studentId}:${courseId}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
