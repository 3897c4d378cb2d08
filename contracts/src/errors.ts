/**
 * Every stable error code of the platform: the HTTP status it answers at the edge and what it
 * means. Codes reach clients in error bodies (`{ error: { code, message } }`) and cross Kafka in
 * command results, so they are a contract like a schema. A code raised anywhere must be listed
 * here (`contracts/test/errors.test.ts` reads the source tree to check it); the gateway maps a
 * command result's code to its status from this table, and an unlisted one answers 500.
 */
export interface ErrorCodeSpec {
  readonly status: number;
  readonly description: string;
}

export const errorCodes = {
  // Any route, any service
  VALIDATION_ERROR: { status: 400, description: 'The input does not match the schema; `details` lists each field.' },
  MALFORMED_JSON: { status: 400, description: 'The body is not valid JSON.' },
  MALFORMED_URL: { status: 400, description: 'A path parameter has a broken percent-escape.' },
  UNAUTHORIZED: { status: 401, description: 'No valid credential: a missing, forged, expired or revoked token.' },
  FORBIDDEN: { status: 403, description: 'The caller is known but may not do this.' },
  NOT_FOUND: { status: 404, description: 'No route has this path.' },
  METHOD_NOT_ALLOWED: { status: 405, description: 'The path exists but not with this method; `Allow` lists the methods.' },
  PAYLOAD_TOO_LARGE: { status: 413, description: 'The body is larger than the limit.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'The body has a media type, encoding or charset that is not supported.' },
  RATE_LIMITED: { status: 429, description: 'Too many requests; wait `Retry-After` seconds.' },
  INTERNAL_ERROR: { status: 500, description: 'Something went wrong on our side (no internals are shown).' },
  SERVICE_UNAVAILABLE: { status: 503, description: 'A dependency (a service, Kafka, Redis) is unavailable; retry after `Retry-After`.' },

  // Gateway edge
  CSRF_FAILED: { status: 403, description: 'Cookie mode: X-CSRF-Token is missing or not the sc_csrf cookie value.' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, description: 'A request with this Idempotency-Key is still running; retry after `Retry-After`.' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, description: 'This Idempotency-Key was used for a different request.' },
  TOO_MANY_STREAMS: { status: 429, description: 'The caller holds as many notification streams as allowed (SSE_MAX_STREAMS_PER_USER); close one first.' },

  // Commands
  COMMAND_NOT_FOUND: { status: 404, description: 'No such command (statuses are kept for a day).' },
  COMMAND_FAILED: { status: 500, description: 'The command failed without saying why.' },
  COMMAND_DEAD_LETTERED: { status: 500, description: 'The command could not be processed and was dead-lettered.' },
  INVALID_VALUE: {
    status: 422,
    description:
      'A value passed the edge but the store refuses it (a Postgres data exception such as a NUL byte or a number out of range, or a check violation); the command was dead-lettered on its first attempt and nothing was applied.',
  },
  UNKNOWN_COMMAND: { status: 400, description: 'The owning service has no handler for this command record.' },

  // Accounts and credentials (user service)
  USER_NOT_FOUND: { status: 404, description: 'No such user.' },
  INSTRUCTOR_NOT_FOUND: { status: 404, description: 'No such instructor.' },
  SESSION_NOT_FOUND: { status: 404, description: 'No such active session of the caller.' },
  EMAIL_TAKEN: { status: 409, description: 'An account with this email exists.' },
  EMAIL_ALREADY_VERIFIED: { status: 409, description: 'The email address is already verified.' },
  INVALID_CREDENTIALS: { status: 401, description: 'The email or password is wrong.' },
  ACCOUNT_DEACTIVATED: { status: 403, description: 'The password is right but the account is deactivated.' },
  LOGIN_LOCKED: { status: 429, description: 'Too many failed logins for this email; see Retry-After.' },
  LOGIN_THROTTLED: { status: 429, description: 'Too many failed logins from this address; see Retry-After.' },
  INVALID_REFRESH_TOKEN: { status: 401, description: 'The refresh token is unknown, expired or revoked; log in again.' },
  REFRESH_TOKEN_REUSED: { status: 401, description: 'A spent refresh token was shown again; its session is ended.' },
  INVALID_TOKEN: { status: 400, description: 'The reset or verification link is unknown, used or expired.' },
  INVALID_MFA_CODE: { status: 401, description: 'The TOTP or recovery code is not valid.' },
  INVALID_MFA_CHALLENGE: { status: 401, description: 'The MFA sign-in attempt expired or is not valid; log in again.' },
  MFA_ALREADY_ENABLED: { status: 409, description: 'Multi-factor authentication is already on.' },
  MFA_NOT_STARTED: { status: 409, description: 'MFA set-up was not started.' },
  MFA_LOCKED: { status: 429, description: 'Too many wrong codes to turn MFA off; see Retry-After.' },
  CANNOT_CHANGE_OWN_ROLE: { status: 409, description: 'Admins may not change their own role.' },
  CANNOT_DEACTIVATE_SELF: { status: 409, description: 'Admins may not deactivate themselves.' },
  CANNOT_ERASE_SELF: { status: 409, description: 'Admins may not erase themselves.' },
  NOT_AN_INSTRUCTOR: { status: 409, description: 'The user is not an instructor.' },

  // Courses, outlines, lessons and quizzes (course service)
  COURSE_NOT_FOUND: { status: 404, description: 'No such course, or a draft the caller may not see.' },
  MODULE_NOT_FOUND: { status: 404, description: 'No such module in this course.' },
  LESSON_NOT_FOUND: { status: 404, description: 'No such lesson, or one of a course the caller may not see.' },
  QUIZ_NOT_FOUND: { status: 404, description: 'No such quiz (a quiz lesson has none until it is set).' },
  ATTEMPT_NOT_FOUND: { status: 404, description: 'No such attempt of the caller at this quiz.' },
  COURSE_NOT_PUBLISHABLE: { status: 409, description: 'The course cannot be published yet; `details.reasons` says what is missing.' },
  COURSE_NOT_DELETABLE: { status: 409, description: 'Only a draft that was never published can be deleted; archive it instead.' },
  COURSE_ARCHIVED: { status: 409, description: 'The course is archived: it no longer changes.' },
  INVALID_STATUS_CHANGE: { status: 409, description: "The course's status does not allow this change (e.g. unpublishing a draft)." },
  ORDER_MISMATCH: { status: 400, description: 'A reorder list is not exactly the current set of ids; `details` lists the missing, unknown and repeated ones.' },
  COURSE_ID_TAKEN: { status: 409, description: 'A course with this id exists (ids come from the creating command).' },
  LESSON_HAS_QUIZ: { status: 409, description: 'A lesson with a quiz stays a quiz lesson; remove the lesson instead.' },
  NOT_A_QUIZ_LESSON: { status: 409, description: 'Only a lesson of kind `quiz` has a quiz.' },
  ENROLLMENT_REQUIRED: { status: 403, description: 'Only students enrolled in the course (active or completed) may do this.' },
  ENROLLMENT_SUSPENDED: {
    status: 403,
    description: 'The enrollment is suspended by an admin: no quiz attempt may be started or submitted, and no assignment handed in, until it is reinstated.',
  },
  MAX_ATTEMPTS_REACHED: { status: 409, description: 'The quiz allows no more attempts.' },
  ATTEMPT_IN_PROGRESS: { status: 409, description: 'An attempt at this quiz is still open; submit it first (`details.attemptId`).' },
  ATTEMPT_EXPIRED: { status: 409, description: "The attempt's deadline (plus 30 s of grace) has passed, by the server's clock." },
  ATTEMPT_ALREADY_SUBMITTED: {
    status: 409,
    description: 'The attempt was submitted already, with other answers; each attempt is graded once (the same answers again get the recorded grade).',
  },

  NOT_AN_ASSIGNMENT_LESSON: { status: 409, description: 'Only a lesson of kind `assignment` has an assignment.' },
  LESSON_HAS_ASSIGNMENT: { status: 409, description: 'A lesson with an assignment stays an assignment lesson; remove the lesson instead.' },
  ASSIGNMENT_NOT_FOUND: {
    status: 404,
    description: 'No such assignment (an assignment lesson has none until it is set), or one of a course the caller may not see.',
  },
  SUBMISSION_NOT_FOUND: { status: 404, description: 'No such submission, or one the caller may not see.' },
  SUBMISSION_CLOSED: {
    status: 409,
    description: "The assignment takes no more submissions: its late limit (or, without one, its due date) has passed, by the server's clock.",
  },
  RESUBMISSION_NOT_ALLOWED: { status: 409, description: 'The assignment takes one submission, or the latest one is graded already.' },
  SCORE_ABOVE_MAXIMUM: { status: 422, description: "The score is above the assignment's maximum; `details.maxScore` says it." },
  FILE_REQUIRED: { status: 422, description: 'The assignment asks for at least one file.' },
  TOO_MANY_FILES: { status: 422, description: "More files than the assignment's `maxFiles`; `details.maxFiles` says it." },
  SUBMISSION_SUPERSEDED: {
    status: 409,
    description: 'The student handed in a later version of this work: only the latest version is graded (`details.latestSubmissionId`).',
  },

  // Enrollments and progress (enrollment-progress service)
  ENROLLMENT_NOT_FOUND: { status: 404, description: 'No such enrollment, or one the caller may not see.' },
  ALREADY_ENROLLED: { status: 409, description: 'The student is already enrolled in this course (active, completed or suspended).' },
  PAYMENT_REQUIRED: { status: 402, description: 'The course has a price: buy it with an order (`details.order` says how).' },
  NOT_ENROLLED: { status: 403, description: 'The student has no active enrollment in the course of this lesson.' },
  ENROLLMENT_NOT_ACTIVE: { status: 409, description: 'The enrollment is dropped, suspended or completed: this change does not apply.' },
  QUIZ_LESSON_NEEDS_PASS: { status: 409, description: 'A quiz lesson completes only when its quiz is passed.' },
  ASSIGNMENT_LESSON_NEEDS_PASS: { status: 409, description: "An assignment lesson completes only when the student's work is graded at its pass mark." },

  // Certificates (certificate service)
  CERTIFICATE_NOT_FOUND: { status: 404, description: 'No such certificate, or one the caller may not see; for verification, an unknown code.' },
  ENROLLMENT_NOT_COMPLETED: { status: 409, description: 'The enrollment is not completed: it has no certificate yet.' },
  CERTIFICATE_ALREADY_REVOKED: { status: 409, description: 'The certificate was revoked already; a revocation is final.' },

  // Notifications (notification service)
  NOTIFICATION_NOT_FOUND: { status: 404, description: 'No such notification in your inbox.' },
  UNSUBSCRIBE_TOKEN_INVALID: {
    status: 400,
    description: 'The unsubscribe link is forged, altered or expired; the preferences page can still switch mail off.',
  },

  // Files (media service)
  FILE_NOT_FOUND: { status: 404, description: 'No such file, a deleted one, or one the caller may not read.' },
  FILE_NOT_USABLE: {
    status: 422,
    description:
      "A file id that this resource cannot refer to: not the caller's upload, not of the purpose the field needs, or deleted; `details` lists each id and why.",
  },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    description: "The content's type, sniffed from its bytes, is not one this purpose takes; `details` gives the type found and the ones allowed.",
  },
  FILE_TOO_LARGE: { status: 413, description: "The file is larger than this purpose's limit; `details.limit` gives it in bytes." },
  UPLOAD_INCOMPLETE: { status: 400, description: 'The upload ended before the whole file arrived (a truncated body or a missing part); nothing was stored.' },
  UPLOAD_NOT_FOUND: { status: 404, description: 'No such resumable upload of the caller (finished, expired or never begun).' },
  UPLOAD_OFFSET_MISMATCH: {
    status: 409,
    description: "A resumable upload's PATCH does not start at the offset the server holds; ask with HEAD and resume from there.",
  },
  STORAGE_UNAVAILABLE: { status: 503, description: 'The object store is unreachable; nothing was stored. Retry after `Retry-After`.' },

  // Payments (payment service)
  ORDER_NOT_FOUND: { status: 404, description: 'No such order, or one the caller may not see.' },
  ORDER_NOT_PAID: { status: 409, description: 'The order has not been paid: it has no receipt.' },
  COURSE_IS_FREE: { status: 409, description: 'The course costs nothing: enroll with POST /api/enrollments instead.' },
  COURSE_NOT_FOR_SALE: { status: 409, description: 'The course is not published (or its price is not known yet): it cannot be bought now.' },
  COUPON_NOT_APPLICABLE: {
    status: 422,
    description: '`details.reason` says why the coupon does not apply: unknown, expired, used up, for another course, or in another currency.',
  },
  COUPON_CODE_TAKEN: { status: 409, description: 'A coupon with this code exists already (codes are case-insensitive).' },
  ORDER_NOT_REFUNDABLE: {
    status: 409,
    description:
      "`details.reason` says why the order cannot be refunded: not paid, refunded already, the buyer's window has passed, or their progress is past the limit.",
  },
  PAYMENT_PROVIDER_UNAVAILABLE: {
    status: 503,
    description: 'The payment provider did not answer; nothing was charged or refunded. Retry after `Retry-After`.',
  },
  PAYMENT_PROVIDER_REFUSED: { status: 502, description: 'The payment provider refused the request; `details.providerCode` is its reason.' },
  WEBHOOK_SIGNATURE_INVALID: {
    status: 400,
    description: "The webhook's signature is missing, forged, or older than five minutes; nothing was changed.",
  },
  PROVIDER_NOT_FOUND: { status: 404, description: 'No payment provider of this name is configured here.' },
  CHECKOUT_NOT_FOUND: { status: 404, description: 'No payment of the fake provider has this id.' },
  CARD_DECLINED: { status: 402, description: 'The fake provider declined the card (Stripe test number 4000000000000002 and other unknown numbers).' },

  // Messaging and infrastructure (platform): seen in dead letters and logs, not by clients
  UNDECODABLE_MESSAGE: { status: 400, description: 'A Kafka message does not decode with its schema, or is not Avro.' },
  INVALID_RECORD: { status: 500, description: 'A record to produce does not match its schema.' },
  REGISTRY_UNAVAILABLE: { status: 503, description: 'The schema registry is unreachable.' },
  SCHEMA_NOT_REGISTERED: { status: 500, description: 'The registry does not know the schema a record is written with (provisioning not run).' },
  OUTBOX_ROW_NOT_FOUND: { status: 404, description: 'No parked outbox row has this id (operator route).' },
  PARTITION_GROWTH_REFUSED: {
    status: 409,
    description: 'Provisioning refuses to add partitions to a keyed or compacted topic (it would break per-key order).',
  },
  MAIL_DELIVERY_FAILED: { status: 503, description: 'The SMTP server did not take the mail.' },
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof errorCodes;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCodes, code);
}
