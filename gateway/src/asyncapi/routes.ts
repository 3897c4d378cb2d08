import { z } from 'zod';
import { asyncApiDocument, type AsyncApiDocument } from '@smartcourse/contracts';
import { route, type RouteSpec } from '../routing/spec.js';

export const ASYNCAPI_PATH = '/api/asyncapi.json';

/** `GET /api/asyncapi.json`: the AsyncAPI 3.0 document of the event streams, built once from the catalog. */
export function asyncApiRoutes(options: { replicationFactor: number }): RouteSpec[] {
  let document: AsyncApiDocument | undefined;
  return [
    route({
      method: 'get',
      path: ASYNCAPI_PATH,
      summary: 'The AsyncAPI 3.0 document of the Kafka topics',
      tag: 'docs',
      access: 'public',
      responses: {
        200: {
          description: 'One channel per topic of the catalog (Avro payloads, CloudEvents headers), one operation per producer and consumer',
          body: z.record(z.string(), z.unknown()),
          raw: true,
        },
      },
      async handler(_input, res) {
        document ??= asyncApiDocument({ replicationFactor: options.replicationFactor });
        res.json(document);
      },
    }),
  ];
}
