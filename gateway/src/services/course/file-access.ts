import { FileAccessEndpoint, type FileAccess } from '@smartcourse/contracts';
import type { InternalClient } from '../../internal-client.js';
import { onBehalfOf } from '../../relay.js';
import type { CourseGrant } from '../media/access.js';

/** The course service's read rule of the files it refers to (lesson videos and attachments), asked on behalf of the caller. */
export const courseFileGrants =
  (courses: InternalClient): CourseGrant =>
  async (fileId, res) => {
    const answer = await courses.call(FileAccessEndpoint, { params: { fileId }, ...onBehalfOf(res) });
    if (answer.status !== 200) throw new Error(`the course service answered ${answer.status} to a file access question`);
    return (answer.body as { data: FileAccess }).data.readable;
  };
