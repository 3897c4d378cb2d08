/**
 * Which mail failures are worth retrying. nodemailer tags its errors with a `code` (ECONNECTION,
 * ETIMEDOUT, ESOCKET, EDNS, …) and, once the server has answered, the SMTP `responseCode`:
 * 4xx replies are temporary by RFC 5321 (greylisting, mailbox busy), 5xx are permanent.
 */

import { NETWORK_ERROR_CODES } from '../faults.js';

/** nodemailer's own codes for a server it could not reach or that stopped answering. */
const NODEMAILER_CODES = new Set(['ECONNECTION', 'ESOCKET', 'EDNS']);

interface MailErrorFields {
  code?: unknown;
  responseCode?: unknown;
  cause?: unknown;
}

/** True for connection failures, timeouts and 4xx SMTP replies, also when wrapped as an error's `cause`. */
export function isTransientMailError(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth += 1) {
    const { code, responseCode, cause } = current as MailErrorFields;
    if (typeof responseCode === 'number') return responseCode >= 400 && responseCode < 500;
    if (typeof code === 'string' && (NODEMAILER_CODES.has(code) || NETWORK_ERROR_CODES.has(code))) return true;
    current = cause;
  }
  return false;
}
