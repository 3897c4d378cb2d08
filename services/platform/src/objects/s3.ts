import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import { meter } from './metering.js';
import { checkedKey, clippedRange, type ObjectStore } from './store.js';

export interface S3Settings {
  /** The store's address; for AWS itself leave it out and give the region. */
  endpoint?: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Every key is put under this prefix (several services or installs can share a bucket). */
  prefix?: string;
  /** Path-style addresses (`endpoint/bucket/key`): what most self-hosted S3-compatible servers want. */
  forcePathStyle?: boolean;
  /** The address clients reach the store at, when it differs from `endpoint` (a container network): presigned URLs name it. */
  publicEndpoint?: string | undefined;
}

export interface S3ObjectStore extends ObjectStore {
  /** Creates the bucket when it does not exist yet (a service's start; an empty store of docker-compose). */
  ensureBucket(): Promise<void>;
  /** A URL that downloads the object (or a byte range of it, by the client's own `Range`) for `ttlSeconds`, without credentials. */
  presignedGetUrl(key: string, ttlSeconds: number, options?: { downloadName?: string; inline?: boolean; contentType?: string }): Promise<string>;
}

/**
 * Objects in an S3-compatible bucket. Uploads are multipart and streamed (parts of 8 MiB, two
 * in flight): a large video never sits in memory whole. An upload that fails or runs past its
 * size limit is aborted, so no part of it stays in the bucket.
 */
export function s3ObjectStore(settings: S3Settings): S3ObjectStore {
  const clientAt = (endpoint: string | undefined) =>
    new S3Client({
      ...(endpoint ? { endpoint } : {}),
      region: settings.region,
      forcePathStyle: settings.forcePathStyle ?? true,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    });
  const client = clientAt(settings.endpoint);
  // A signature covers the host, so URLs for clients are signed for the address they use.
  const presigner = settings.publicEndpoint ? clientAt(settings.publicEndpoint) : client;
  const { bucket } = settings;
  const keyOf = (key: string) => `${settings.prefix ?? ''}${checkedKey(key)}`;

  async function stat(key: string): Promise<{ size: number } | undefined> {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  return {
    async put(key, body, { contentType, maxBytes }) {
      const metered = meter(maxBytes);
      body.on('error', (error) => metered.destroy(error));
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: keyOf(key), Body: body.pipe(metered), ContentType: contentType },
        partSize: 8 * 1024 * 1024,
        queueSize: 2,
        leavePartsOnError: false,
      });
      // The size limit fails the stream the upload reads; the upload then aborts its parts.
      const failed = new Promise<never>((_resolve, reject) => metered.once('error', reject));
      try {
        await Promise.race([upload.done(), failed]);
      } catch (error) {
        // S3 shows an object only once its upload completes: aborting drops the parts sent so far,
        // and an object the upload would have replaced stays as it was.
        await upload.abort();
        throw error;
      }
      return metered.result();
    },

    async get(key, range) {
      const info = await stat(key);
      if (!info) return undefined;
      const served = clippedRange(info.size, range);
      try {
        const answer = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: keyOf(key), ...(range && info.size > 0 ? { Range: `bytes=${served.start}-${served.end}` } : {}) }),
        );
        const body = answer.Body instanceof Readable ? answer.Body : Readable.from([]);
        return { size: info.size, range: served, body };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    stat,

    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
    },

    async ensureBucket() {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
        await client.send(new CreateBucketCommand({ Bucket: bucket }));
      }
    },

    presignedGetUrl(key, ttlSeconds, options = {}) {
      const disposition = options.downloadName
        ? { ResponseContentDisposition: `${options.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(options.downloadName)}` }
        : {};
      const type = options.contentType ? { ResponseContentType: options.contentType } : {};
      return getSignedUrl(presigner, new GetObjectCommand({ Bucket: bucket, Key: keyOf(key), ...disposition, ...type }), { expiresIn: ttlSeconds });
    },
  };
}

function isNotFound(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404);
}
