import { Transform, type TransformCallback } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';

/** file-type's own sample size: most formats are recognised within it. */
const SAMPLE_BYTES = 4100;

/**
 * A pass-through that holds back the first bytes until it knows the content's type, sniffed from
 * them (never from the client's word). `type` settles once the sample is read (or the content
 * ended sooner); only then do bytes flow on, so the caller can refuse a type before anything is stored.
 */
export function sniffer(): Transform & { type: Promise<string | undefined> } {
  const held: Buffer[] = [];
  let heldBytes = 0;
  let settle!: (type: string | undefined) => void;
  let fail!: (error: Error) => void;
  const type = new Promise<string | undefined>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  let known = false;

  const release = async (stream: Transform) => {
    const sample = Buffer.concat(held);
    held.length = 0;
    known = true;
    settle(await typeOf(sample));
    stream.push(sample);
  };

  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (known) return callback(null, chunk);
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes < SAMPLE_BYTES) return callback();
      release(this).then(() => callback(), callback);
    },
    flush(callback: TransformCallback) {
      if (known) return callback();
      release(this).then(() => callback(), callback);
    },
  });
  stream.once('error', (error) => fail(error));
  // The sample's reader may never look at `type` when the upload failed first.
  type.catch(() => undefined);
  return Object.assign(stream, { type });
}

/** A known binary signature, else plain text when the sample is UTF-8 without control bytes, else unknown. */
export async function typeOf(sample: Buffer): Promise<string | undefined> {
  const found = await fileTypeFromBuffer(sample);
  if (found) return found.mime;
  return isPlainText(sample) ? 'text/plain' : undefined;
}

function isPlainText(sample: Buffer): boolean {
  if (sample.length === 0) return false;
  // Tab, line feed, carriage return and form feed are text; other C0 controls and NUL are not.
  if (sample.some((byte) => byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c)) return false;
  try {
    // `stream: true` tolerates a character cut at the sample's end.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}
