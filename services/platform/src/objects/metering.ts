import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { ObjectTooLargeError } from './store.js';

/**
 * A pass-through that hashes and counts what flows, and fails the stream once more than
 * `maxBytes` went by: the write behind it stops and is abandoned.
 */
export function meter(maxBytes: number): Transform & { result(): { size: number; sha256: string } } {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new ObjectTooLargeError(maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return Object.assign(stream, { result: () => ({ size, sha256: hash.digest('hex') }) });
}
