import { z } from 'zod';
import { NotificationCategory } from './notifications.js';

/** One-click unsubscribe (RFC 8058): the link in a mail's `List-Unsubscribe` header and footer. */

/** The signed token of an unsubscribe link: it names the person and the category, and expires. */
export const UnsubscribeQuery = z.strictObject({ token: z.string().min(1).max(1024) });
export type UnsubscribeQuery = z.infer<typeof UnsubscribeQuery>;

/**
 * The body a mail client POSTs (`List-Unsubscribe=One-Click`, form-encoded or multipart), or
 * none. Other fields are ignored rather than refused: a client that adds one must still unsubscribe.
 */
export const UnsubscribeForm = z
  .object({ 'List-Unsubscribe': z.literal('One-Click').optional() })
  // A multipart part cannot name a field with control characters, quotes or backslashes.
  .meta({ propertyNames: { pattern: '^[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]+$' } });
export type UnsubscribeForm = z.infer<typeof UnsubscribeForm>;

/** The answer to an unsubscribe asked for as JSON: that category's mail is off. */
export const Unsubscribed = z.object({ category: NotificationCategory, email: z.literal(false) });
export type Unsubscribed = z.infer<typeof Unsubscribed>;
