import { createRequire } from 'node:module';
import path from 'node:path';
import express, { Router } from 'express';
import { z } from 'zod';
import { route, type RouteSpec } from '../routing/spec.js';
import { openApiDocument } from './document.js';

export const OPENAPI_PATH = '/api/openapi.json';
export const DOCS_PATH = '/api/docs';

const INFO = { title: 'SmartCourse API', version: '0.1.0' };

/**
 * `GET /api/openapi.json`, itself a route of the table it describes. `table` is read on the first
 * request, once every feature's routes (and this one) are in it.
 */
export function openApiRoutes(options: { table: () => readonly RouteSpec[] }): RouteSpec[] {
  let document: Record<string, unknown> | undefined;
  return [
    route({
      method: 'get',
      path: OPENAPI_PATH,
      summary: 'This OpenAPI 3.1 document',
      tag: 'docs',
      access: 'public',
      responses: { 200: { description: 'The OpenAPI 3.1 document of every public route', body: z.record(z.string(), z.unknown()), raw: true } },
      async handler(_input, res) {
        document ??= openApiDocument(options.table(), INFO);
        res.json(document);
      },
    }),
  ];
}

// Resolved without loading the package: its main module would load the whole browser bundle.
const swaggerUiDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const initializer = `window.onload = () => {
  window.ui = SwaggerUIBundle({
    url: '${OPENAPI_PATH}',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
};
`;

/** Swagger UI at `/api/docs/`, served from the swagger-ui-dist package (no CDN), reading our document. */
export function docsUi(): Router {
  const router = Router();
  router.get(`${DOCS_PATH}/swagger-initializer.js`, (_req, res) => {
    res.type('application/javascript').send(initializer);
  });
  router.use(DOCS_PATH, express.static(swaggerUiDir, { index: 'index.html', maxAge: '1h' }));
  return router;
}
