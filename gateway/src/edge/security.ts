import cors, { type CorsOptions } from 'cors';
import type { Request, RequestHandler } from 'express';
import helmet from 'helmet';
import { tusRequestHeaders, tusResponseHeaders } from '../services/media/tus-headers.js';
import { CSRF_HEADER } from '../services/user/auth/cookies.js';
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from './idempotency.js';

/**
 * Security headers (helmet's defaults: CSP, HSTS, nosniff, frame and referrer policies, …) and
 * CORS for the listed origins only. Listed origins may send credentials, which a frontend that
 * keeps its session in a cookie needs; any other origin gets no CORS headers, so browsers refuse.
 * The allowed request headers are every one a route reads: a browser's preflight refuses any other,
 * and the cookie-mode refresh and logout need `X-CSRF-Token` (test/configured-platform/browser drives this in Chromium).
 */
export function securityHeaders(options: { corsOrigins: readonly string[] }): RequestHandler[] {
  const allowed = new Set(options.corsOrigins);
  const policy: CorsOptions = {
    origin: true,
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      CSRF_HEADER,
      IDEMPOTENCY_HEADER,
      // A stream client over fetch resumes with it (an EventSource sends it without a preflight).
      'Last-Event-ID',
      'X-Request-Id',
      'X-Correlation-Id',
      'traceparent',
      'tracestate',
      // Resumable uploads (tus 1.0), and a download's byte range.
      ...tusRequestHeaders,
      'Range',
    ],
    exposedHeaders: [
      'Location',
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'RateLimit-Policy',
      'X-Command-Id',
      'X-Request-Id',
      'X-Correlation-Id',
      REPLAYED_HEADER,
      ...tusResponseHeaders,
      'Content-Range',
      'Accept-Ranges',
      'Content-Disposition',
    ],
    maxAge: 600,
  };
  const corsForOrigin = cors<Request>((req, decide) => decide(null, allowed.has(req.headers.origin ?? '') ? policy : { origin: false }));
  return [
    helmet(),
    (req, res, next) => {
      // Answers differ by origin, allowed or not: caches must key on it either way.
      res.vary('Origin');
      corsForOrigin(req, res, next);
    },
  ];
}
