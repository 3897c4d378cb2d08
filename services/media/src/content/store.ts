import { mkdir } from 'node:fs/promises';
import { directoryObjectStore, s3ObjectStore, type ObjectStore } from '@smartcourse/platform';
import type { Config } from '../config.js';
import type { UrlSigner, Variant } from './signing.js';

/** What a link points at: the stored object, and how a browser should treat it. */
export interface Linked {
  id: string;
  key: string;
  name: string;
  contentType: string;
}

/** The object store of the configuration, and the signed, expiring links to its content. */
export interface ContentStore {
  objects: ObjectStore;
  link(target: Linked, variant: Variant, ttlSeconds: number): Promise<{ url: string; expiresAt: Date }>;
  /** Creates the directory or the bucket when missing. */
  prepare(): Promise<void>;
}

/** Types a browser shows in place; everything else downloads. */
export const inlineTypes = /^(image|video|audio)\/|^application\/pdf$|^text\/plain$/;

export function contentStore(config: Config, signer: UrlSigner): ContentStore {
  if (config.MEDIA_STORE === 's3') {
    if (!config.MEDIA_S3_ACCESS_KEY_ID || !config.MEDIA_S3_SECRET_ACCESS_KEY) {
      throw new Error('MEDIA_STORE=s3 needs MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY');
    }
    const store = s3ObjectStore({
      endpoint: config.MEDIA_S3_URL,
      publicEndpoint: config.MEDIA_S3_PUBLIC_URL,
      region: config.MEDIA_S3_REGION,
      bucket: config.MEDIA_S3_BUCKET,
      prefix: config.MEDIA_S3_PREFIX,
      accessKeyId: config.MEDIA_S3_ACCESS_KEY_ID,
      secretAccessKey: config.MEDIA_S3_SECRET_ACCESS_KEY,
    });
    return {
      objects: store,
      // S3 serves the bytes itself, Range included; the URL's own signature is the grant.
      async link(target, _variant, ttlSeconds) {
        const url = await store.presignedGetUrl(target.key, ttlSeconds, {
          downloadName: target.name,
          inline: inlineTypes.test(target.contentType),
          contentType: target.contentType,
        });
        return { url, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
      },
      prepare: () => store.ensureBucket(),
    };
  }
  return {
    objects: directoryObjectStore(config.MEDIA_DIRECTORY),
    // The gateway serves the local store's bytes at this address (relative to it), checking the signature here.
    async link(target, variant, ttlSeconds) {
      const expires = Math.floor(Date.now() / 1000) + ttlSeconds;
      const query = new URLSearchParams({ variant, expires: String(expires), signature: signer.sign(target.id, variant, expires) });
      return { url: `/api/files/${target.id}/blob?${query}`, expiresAt: new Date(expires * 1000) };
    },
    prepare: async () => void (await mkdir(config.MEDIA_DIRECTORY, { recursive: true, mode: 0o700 })),
  };
}
