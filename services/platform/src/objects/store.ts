import type { Readable } from 'node:stream';

/**
 * Where file content lives: a directory on the service's disk (the default) or an S3-compatible
 * bucket, behind the same calls. Keys are chosen by the service (never by a client) and are
 * made of `[a-z0-9-]` segments joined by `/`.
 */
export interface ObjectStore {
  /**
   * Streams `body` into `key`, never holding it whole in memory; the object appears whole or not
   * at all. Past `maxBytes` the write stops with `ObjectTooLargeError` and nothing is kept.
   */
  put(key: string, body: Readable, options: PutOptions): Promise<StoredObject>;
  /** The object's content, or the bytes `range` names (inclusive, as HTTP ranges); undefined when missing. */
  get(key: string, range?: ByteRange): Promise<ObjectContent | undefined>;
  /** The object's size without its content; undefined when missing. */
  stat(key: string): Promise<ObjectInfo | undefined>;
  /** Removes the object; removing a missing one is not an error. */
  remove(key: string): Promise<void>;
}

export interface PutOptions {
  /** Kept with the object where the store can (S3 answers it on a presigned download); the caller's own records are the reference. */
  contentType: string;
  maxBytes: number;
}

export interface StoredObject {
  size: number;
  /** Hex SHA-256 of the bytes written, computed while they streamed. */
  sha256: string;
}

export interface ByteRange {
  start: number;
  /** Inclusive; the object's last byte when absent. */
  end?: number;
}

export interface ObjectInfo {
  size: number;
}

export interface ObjectContent extends ObjectInfo {
  body: Readable;
  /** The bytes `body` holds: the whole object, or the range asked for (clipped to the object's end). */
  range: { start: number; end: number };
}

/** The body was longer than the caller allows: nothing was kept. */
export class ObjectTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the content is larger than ${maxBytes} bytes`);
    this.name = 'ObjectTooLargeError';
  }
}

/** A range that starts at or past the object's end (HTTP 416). */
export class RangeNotSatisfiableError extends Error {
  constructor(readonly size: number) {
    super(`the range starts past the object's ${size} bytes`);
    this.name = 'RangeNotSatisfiableError';
  }
}

const KEY = /^[a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9-]*)*$/;

/** Refuses a key that could leave the store's directory or bucket prefix (`..`, absolute, odd characters). */
export function checkedKey(key: string): string {
  if (!KEY.test(key) || key.length > 512) throw new Error(`object key is not of the form a-z0-9-/: ${JSON.stringify(key)}`);
  return key;
}

/** The inclusive byte range to serve of an object of `size` bytes. */
export function clippedRange(size: number, range: ByteRange | undefined): { start: number; end: number } {
  if (!range) return { start: 0, end: Math.max(0, size - 1) };
  if (range.start >= size || (range.end !== undefined && range.end < range.start)) throw new RangeNotSatisfiableError(size);
  return { start: range.start, end: Math.min(range.end ?? size - 1, size - 1) };
}
