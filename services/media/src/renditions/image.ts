import sharp from 'sharp';

/** The longer side of a preview, in pixels. */
export const PREVIEW_SIDE = 512;

export interface Preview {
  bytes: Buffer;
  width: number;
  height: number;
}

/** A WebP preview of an image (turned upright by its EXIF orientation, never enlarged), and the original's size. */
export async function imagePreview(original: Buffer): Promise<{ width: number; height: number; preview: Preview }> {
  const image = sharp(original, { failOn: 'error' }).rotate();
  const { width = 0, height = 0, orientation } = await image.metadata();
  // EXIF orientations 5–8 turn the picture a quarter: its width is the stored height.
  const [uprightWidth, uprightHeight] = orientation && orientation >= 5 ? [height, width] : [width, height];
  const { data, info } = await image
    .resize(PREVIEW_SIDE, PREVIEW_SIDE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer({ resolveWithObject: true });
  return { width: uprightWidth, height: uprightHeight, preview: { bytes: data, width: info.width, height: info.height } };
}
