import type { LessonLink } from '@smartcourse/contracts';

/** What lesson bodies held before file ids: URL attachments, links now. */
export interface UrlAttachment {
  name: string;
  url: string;
  sizeBytes?: number | null | undefined;
  contentType?: string | null | undefined;
}

/** A link as given anywhere (a document, a command record with nulls), without its empty fields. */
export function plainLink(link: {
  title?: string | null | undefined;
  url: string;
  sizeBytes?: number | null | undefined;
  contentType?: string | null | undefined;
}): LessonLink {
  return {
    ...(link.title ? { title: link.title } : {}),
    url: link.url,
    ...(link.sizeBytes !== undefined && link.sizeBytes !== null ? { sizeBytes: link.sizeBytes } : {}),
    ...(link.contentType ? { contentType: link.contentType } : {}),
  };
}

/** A URL attachment as a link: its name the title, its size and type kept. */
export const linkOfAttachment = (attachment: UrlAttachment): LessonLink =>
  plainLink({ title: attachment.name, url: attachment.url, sizeBytes: attachment.sizeBytes, contentType: attachment.contentType });
