import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { AppError, validationError } from '@smartcourse/platform';

/** The form's file part: the client's name and type for it (not trusted), its bytes as they arrive, and the fields sent before it. */
export interface FilePart {
  name: string;
  declaredType: string;
  body: Readable;
  fields: Readonly<Record<string, string>>;
  /** Set once the body failed to arrive whole (a dropped connection, a form cut short). */
  readonly truncated: () => boolean;
}

export const incompleteUpload = (cause?: unknown) =>
  new AppError({ code: 'UPLOAD_INCOMPLETE', message: 'The upload ended before the whole file arrived; nothing was stored.', cause });

/** A failure of the file part reaches its reader through the reader's pipeline (and the request's answer). */
const reportedByReader = () => undefined;

/**
 * Reads a `multipart/form-data` request as it streams: its fields up to the part named `file`,
 * which `onFile` consumes (storing it), never holding it whole. One file per request; fields after
 * it are not read. Settles with `onFile`'s result, or as soon as it fails.
 */
export function receiveFile<T>(req: Request, onFile: (part: FilePart) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 10, fieldSize: 1024, fieldNameSize: 100, parts: 12 } });
    } catch (error) {
      reject(new AppError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the file as multipart/form-data with a boundary.', cause: error }));
      return;
    }
    const fields: Record<string, string> = {};
    let handled: Promise<T> | undefined;
    let truncated = false;
    let file: Readable | undefined;

    const cutShort = (error: Error) => {
      truncated = true;
      file?.destroy(error);
      if (!handled) reject(incompleteUpload(error));
    };

    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (handled || name !== 'file') {
        stream.resume();
        return;
      }
      file = stream;
      // The part is failed by cutShort (the form ended early) or by its reader (the store refused it); either
      // way the reader's pipeline reports it. This listener covers the moments before that pipeline exists.
      stream.on('error', reportedByReader);
      // Called in a promise, so that a throw of onFile's answers the request rather than failing the parser.
      handled = Promise.resolve().then(() =>
        onFile({ name: info.filename ?? 'file', declaredType: info.mimeType, body: stream, fields: { ...fields }, truncated: () => truncated }),
      );
      handled.then(resolve, (error: unknown) => {
        // The part will not be stored; the caller drops the rest of the request.
        stream.resume();
        reject(error);
      });
    });
    parser.on('error', (error: Error) => cutShort(error));
    parser.on('close', () => {
      if (!handled) reject(validationError([{ path: 'file', message: 'The form has no part named `file`.' }], 'The request has no file.'));
    });
    req.on('close', () => {
      if (!req.complete) cutShort(new Error('the client closed the connection mid-upload'));
    });
    req.pipe(parser);
  });
}
