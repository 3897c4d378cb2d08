import type { ByteRange } from '@smartcourse/platform';

/**
 * The one byte range of a `Range` header, or undefined to serve the whole content: no header, a
 * unit other than bytes, several ranges or a malformed one (RFC 9110 §14.2: a server may ignore it).
 * A suffix range (`bytes=-500`) is resolved against `size`.
 */
export function requestedRange(header: string | undefined, size: number): ByteRange | undefined {
  const match = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') return { start: Math.max(0, size - Number(last)) };
  const start = Number(first);
  return last === '' ? { start } : { start, end: Number(last) };
}
