import type { Response } from 'express';
import { FileEndpoint, type File, type ReadableBy } from '@smartcourse/contracts';
import type { InternalClient, ServiceResponse } from '../../internal-client.js';
import { onBehalfOf } from '../../relay.js';

/** Whether the course service lets the request's caller read a lesson's or a submission's file. */
export type CourseGrant = (fileId: string, res: Response) => Promise<boolean>;

export interface FileAccessDeps {
  media: InternalClient;
  courseGrants: CourseGrant;
}

/**
 * A file the caller may read, and whether the course service had to say so, or the media
 * service's refusal to relay. The media service applies its own rules (uploader, admin, public
 * purposes); for a lesson's or a submission's file it names the course service, which the gateway
 * asks: each rule is checked by its owner, and no service holds a copy of another's.
 */
export async function readableFile(
  deps: FileAccessDeps,
  fileId: string,
  res: Response,
): Promise<{ file: File; courseGranted: boolean } | { refused: ServiceResponse }> {
  const answer = await deps.media.call(FileEndpoint, { params: { fileId }, ...onBehalfOf(res) });
  if (answer.status !== 200) return { refused: answer };
  const { data: file, meta } = answer.body as { data: File; meta: { readableBy: ReadableBy } };
  if (meta.readableBy === 'caller') return { file, courseGranted: false };
  if (await deps.courseGrants(fileId, res)) return { file, courseGranted: true };
  return { refused: { status: 404, body: { error: { code: 'FILE_NOT_FOUND', message: 'No such file.' } } } };
}
