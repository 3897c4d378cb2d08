import { createHash } from 'node:crypto';

/** A name-based UUID (version 5 layout, SHA-1 of the name), the same wherever it is computed. */
function nameBasedId(name: string): string {
  const hash = createHash('sha1').update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The one enrollment id of a student in a course, so the gateway and the service agree on it
 * without a lookup, and a re-enrollment after a drop finds the same enrollment.
 */
export function enrollmentIdOf(studentId: string, courseId: string): string {
  return nameBasedId(`smartcourse-enrollment:${studentId}:${courseId}`);
}

/**
 * The one certificate id of an enrollment: the event that issues it and a student's request to
 * issue it now name the same certificate, and the gateway reads it back without a lookup.
 */
export function certificateIdOf(enrollmentId: string): string {
  return nameBasedId(`smartcourse-certificate:${enrollmentId}`);
}
