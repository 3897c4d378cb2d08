import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/eventually.js';
import { startProcess, type RunningProcess } from '../support/processes.js';
import { processSpec } from '@smartcourse/contracts';

const exports: string[] = [];
let collector: Server;
let service: RunningProcess;

beforeAll(async () => {
  // A stand-in OTLP/HTTP collector: it keeps what the service exports.
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      exports.push(`${req.url} ${Buffer.concat(chunks).toString('latin1')}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(4399, '127.0.0.1', resolve));
  service = await startProcess('notification', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4399' } });
}, 120_000);
afterAll(async () => {
  await service?.stop();
  await new Promise((resolve) => collector.close(resolve));
});

describe('tracing', () => {
  it('continues the caller’s trace and exports its spans over OTLP', async () => {
    const traceId = randomBytes(16).toString('hex');
    const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
    const answer = await fetch(`http://127.0.0.1:${processSpec('notification').port}/health`, { headers: { traceparent } });
    expect(answer.status).toBe(200);
    const found = await eventually(
      async () => exports.filter((body) => body.includes(traceId)),
      (bodies) => bodies.length > 0,
      20_000,
    );
    expect(found[0]).toMatch(/^\/v1\/traces /);
    expect(found[0]).toContain('notification');
  });
});
