/**
 * Command round trip through the platform against a direct baseline, measured in one run; the
 * Avro codec against JSON; the outbox relay against a plain producer; the catalog search at
 * 10,000 courses against the same queries run directly in Postgres; a replica's rebuild against a
 * bare consumer; and the learning latency (last lesson → certificate notification) against the
 * path's bare Kafka and Redis hops.
 *
 *   scripts/bench            (BENCH_CONCURRENCY=16 BENCH_REQUESTS=2000 by default)
 *
 * Measures PATCH /api/users/me through the gateway (HTTP → Kafka command → user service
 * transaction with inbox and outbox → relay → command.results → gateway → profile query) and
 * the same update as a direct Express + Postgres call, at the same fixed concurrency, and prints
 * latency percentiles, throughput and their ratios. Uses the running platform when the gateway
 * answers, else starts the services and the gateway itself (with the test rate limits: the
 * platform's default per-IP limit on registration would stop the bench's sign-ups).
 * BENCH_LINES picks lines (P1,P5,P2,catalog,P3,P4,files; all by default); BENCH_OUTBOX_ROWS (P2),
 * BENCH_REPLICA_EVENTS (P3), BENCH_JOURNEYS (P4) and BENCH_FILE_MB (files, 100) size them.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { api, newUser } from '../test/support/http.js';
import { env, repoRoot } from '../test/support/env.js';
import { operationsHeaders } from '../test/support/operations.js';
import { startPlatform } from '../test/support/processes.js';
import { createDb } from '@smartcourse/platform';
import { listCatalog } from '../services/course/src/courses/store.js';
import { seedCatalog } from '../test/support/catalog.js';
import { breakdown, commandSteps, scrape } from './bench-breakdown.js';
import { codecFigures } from './bench-codec.js';
import { fileFigures } from './bench-files.js';
import { journeyFigures } from './bench-journey.js';
import { rebuildFigures } from './bench-rebuild.js';
import { relayFigures } from './bench-relay.js';

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const requests = Number(process.env.BENCH_REQUESTS ?? 2000);
const warmup = Math.min(200, requests);
const baselinePort = Number(process.env.BASELINE_PORT ?? 3199);

interface Figures {
  name: string;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  throughput: number;
  errors: number;
}

async function reachable(url: string) {
  try {
    return (await fetch(url, { headers: operationsHeaders(), signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

/** Runs `total` requests with `concurrency` workers; worker i always uses slot i. */
async function load(name: string, total: number, send: (slot: number, n: number) => Promise<number>): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, slot) => {
      while (next < total) {
        const n = next++;
        const t0 = performance.now();
        const status = await send(slot, n);
        latencies.push(performance.now() - t0);
        if (status !== 200) errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    name,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    mean: latencies.reduce((a, b) => a + b, 0) / latencies.length,
    throughput: total / seconds,
    errors,
  };
}

function table(base: Figures, platform: Figures) {
  const fmt = (v: number) => v.toFixed(1).padStart(8);
  process.stdout.write(
    `${'run'.padEnd(54)}${'p50 ms'.padStart(8)}${'p90 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'mean ms'.padStart(9)}${'req/s'.padStart(8)}  errors\n`,
  );
  for (const f of [base, platform]) {
    process.stdout.write(`${f.name.padEnd(54)}${fmt(f.p50)}${fmt(f.p90)}${fmt(f.p99)}${fmt(f.mean).padStart(9)}${fmt(f.throughput)}  ${f.errors}\n`);
  }
  process.stdout.write(
    `\nratio platform / baseline: p50 ${(platform.p50 / base.p50).toFixed(2)}x, p99 ${(platform.p99 / base.p99).toFixed(2)}x, ` +
      `throughput ${(platform.throughput / base.throughput).toFixed(2)}x\n`,
  );
}

const percentile = (values: readonly number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

/** P1: PATCH /api/users/me through the platform beside Express + Postgres, with where the platform's time goes. */
async function commandRoundTrip() {
  const baseline = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/bench-baseline.ts')], {
    env: { ...process.env, BASELINE_PORT: String(baselinePort) },
    stdio: 'ignore',
  });
  try {
    const probe = `http://127.0.0.1:${baselinePort}/users/00000000-0000-0000-0000-000000000000`;
    for (let i = 0; (await fetch(probe, { method: 'PATCH' }).catch(() => undefined)) === undefined; i++) {
      if (i > 100) throw new Error('the baseline server did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const users = await Promise.all(Array.from({ length: concurrency }, (_, i) => newUser(`bench${i}`)));
    const viaGateway = (slot: number, n: number) =>
      api('PATCH', '/api/users/me', { token: users[slot]!.token, body: { bio: `bench ${n}` } }).then((a) => a.status);
    const direct = (slot: number, n: number) =>
      fetch(`http://127.0.0.1:${baselinePort}/users/${users[slot]!.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ bio: `bench ${n}` }),
      }).then(async (r) => (await r.arrayBuffer(), r.status));

    await load('warm-up', warmup, direct);
    await load('warm-up', warmup, viaGateway);
    const base = await load('baseline: Express + Postgres', requests, direct);
    const processes = { gateway: env.gatewayUrl, user: `http://127.0.0.1:${process.env.USER_HTTP_PORT ?? 3101}` };
    const before = await scrape(processes);
    const platform = await load('platform: gateway → Kafka → user service → result', requests, viaGateway);
    const steps = breakdown(before, await scrape(processes), commandSteps);

    process.stdout.write(`\nPATCH /api/users/me — ${requests} requests at concurrency ${concurrency}\n\n`);
    table(base, platform);
    process.stdout.write(`\nwhere a platform request's time goes (means over the run, from the processes' histograms)\n\n`);
    for (const { label, meanMs, count } of steps) process.stdout.write(`${label.padEnd(58)}${meanMs.toFixed(2).padStart(8)} ms  (${count})\n`);
    const [whole, status, produce, awaited, , , , , , readBack] = steps.map((s) => s.meanMs);
    const edge = (whole ?? 0) - (status ?? 0) - (produce ?? 0) - (awaited ?? 0) - (readBack ?? 0);
    process.stdout.write(`${'  edge: auth, deny-list, rate limit, validation, answer'.padEnd(58)}${edge.toFixed(2).padStart(8)} ms  (the rest)\n`);
    if (base.errors + platform.errors > 0) process.exitCode = 1;
  } finally {
    baseline.kill('SIGTERM');
  }
}

/** P5: the Avro codec beside JSON, in this process. */
async function codecLine() {
  const codec = await codecFigures(env.registryUrl);
  process.stdout.write(`\nthe Avro codec — encode + decode of one lesson.completed event, ${codec.iterations} times\n\n`);
  process.stdout.write(`${'baseline: JSON.stringify + JSON.parse'.padEnd(54)}${codec.jsonMicros.toFixed(2).padStart(8)} µs  ${codec.jsonBytes} bytes\n`);
  process.stdout.write(
    `${'platform: codec.encode + codec.decode (Avro, registry)'.padEnd(54)}${codec.avroMicros.toFixed(2).padStart(8)} µs  ${codec.avroBytes} bytes\n`,
  );
  process.stdout.write(
    `\nratio Avro / JSON: time ${(codec.avroMicros / codec.jsonMicros).toFixed(2)}x, size ${(codec.avroBytes / codec.jsonBytes).toFixed(2)}x\n`,
  );
}

/** P2: the outbox relay draining a backlog, beside a plain producer sending the same records. */
async function relayLine() {
  const relay = await relayFigures(Number(process.env.BENCH_OUTBOX_ROWS ?? 100_000));
  process.stdout.write(`\noutbox relay — a backlog of ${relay.rows} rows drained to Kafka\n\n`);
  process.stdout.write(`${'baseline: kafkajs producer, batches of 200, acks all'.padEnd(54)}${relay.producerPerSecond.toFixed(0).padStart(8)} events/s\n`);
  process.stdout.write(`${'platform: outbox relay (lock, read, encode, send, mark)'.padEnd(54)}${relay.relayPerSecond.toFixed(0).padStart(8)} events/s\n`);
  process.stdout.write(`\nratio relay / producer: ${(relay.relayPerSecond / relay.producerPerSecond).toFixed(2)}x\n`);
  process.stdout.write(`\nwhere the relay's time goes (busy ms per batch of 200; the drain took ${relay.msPerBatch.toFixed(2)} ms per batch)\n\n`);
  for (const { label, msPerBatch, calls } of relay.steps) process.stdout.write(`${label.padEnd(58)}${msPerBatch.toFixed(2).padStart(8)} ms  (${calls})\n`);
}

/** The catalog: a search through the gateway and the course service, beside the same two queries (count and page) in Postgres. */
async function catalogLine() {
  const courseDb = createDb({ url: env.courseDatabaseUrl, poolMax: concurrency });
  try {
    await seedCatalog(courseDb);
    const terms = ['watercolour', 'carpentry joints', 'statistics 4321', 'welding arcs', 'poetry rhyme'];
    const term = (n: number) => terms[n % terms.length]!;
    const searchViaGateway = (_slot: number, n: number) =>
      fetch(`${env.gatewayUrl}/api/courses?q=${encodeURIComponent(term(n))}`).then(async (r) => (await r.arrayBuffer(), r.status));
    const searchInPostgres = (_slot: number, n: number) => listCatalog(courseDb, { q: term(n), page: 1, per_page: 20 }).then(() => 200);
    await load('warm-up', warmup, searchInPostgres);
    await load('warm-up', warmup, searchViaGateway);
    const inPostgres = await load('baseline: the catalog queries in Postgres', requests, searchInPostgres);
    const viaPlatform = await load('platform: GET /api/courses?q= (gateway → course)', requests, searchViaGateway);
    process.stdout.write(`\nGET /api/courses?q= at 10,000 courses — ${requests} requests at concurrency ${concurrency}\n\n`);
    table(inPostgres, viaPlatform);
    if (inPostgres.errors + viaPlatform.errors > 0) process.exitCode = 1;
  } finally {
    await courseDb.destroy();
  }
}

/** P3: `sc rebuild course enrollments` beside a bare consumer reading the same records. */
async function rebuildLine() {
  const rebuild = await rebuildFigures(Number(process.env.BENCH_REPLICA_EVENTS ?? 100_000));
  const perSecond = (seconds: number) => (rebuild.events / seconds).toFixed(0).padStart(8);
  process.stdout.write(
    `\nrebuild of the course service's enrollments replica — ${rebuild.events} records on its topics (${rebuild.added} added by this run)\n\n`,
  );
  process.stdout.write(
    `${'baseline: kafkajs consumer, decode only, 3 partitions'.padEnd(54)}${perSecond(rebuild.consumerReadSeconds)} events/s  (${rebuild.consumerSeconds.toFixed(1)} s with the group join)\n`,
  );
  process.stdout.write(
    `${"platform: the rebuild's replay (decode, upsert in shadow)".padEnd(54)}${perSecond(rebuild.replaySeconds)} events/s  (whole rebuild ${rebuild.rebuildSeconds.toFixed(1)} s: ${rebuild.outcome})\n`,
  );
  process.stdout.write(
    `\nratio replay / consumer: ${(rebuild.consumerReadSeconds / rebuild.replaySeconds).toFixed(2)}x, whole rebuild / whole read ${(rebuild.consumerSeconds / rebuild.rebuildSeconds).toFixed(2)}x\n`,
  );
  const perRecord = (seconds: number) => `${((seconds * 1e6) / rebuild.events).toFixed(1).padStart(8)} µs a record`;
  process.stdout.write(`\nwhere the replay's time goes (the read and decode are what the bare consumer does)\n\n`);
  process.stdout.write(`${"read + decode (the bare consumer's time)".padEnd(58)}${perRecord(rebuild.consumerReadSeconds)}\n`);
  process.stdout.write(
    `${"the rest: the replica's transactions (the rebuild's upserts)".padEnd(58)}${perRecord(Math.max(0, rebuild.replaySeconds - rebuild.consumerReadSeconds))}\n`,
  );
  process.stdout.write(
    `${'shadow tables, catch-up check, comparison, swap, drop'.padEnd(58)}${(rebuild.rebuildSeconds - rebuild.replaySeconds).toFixed(1).padStart(8)} s\n`,
  );
}

/** Files: a large upload and download through the gateway, beside the same bytes put into and read from the same store. */
async function filesLine() {
  const figures = await fileFigures(Number(process.env.BENCH_FILE_MB ?? 100));
  const rate = (seconds: number) => `${(figures.megabytes / seconds).toFixed(1).padStart(8)} MiB/s`;
  process.stdout.write(`\nfiles — one ${figures.megabytes} MiB lesson video, the store: ${figures.store}\n\n`);
  process.stdout.write(`${'baseline: put into the store directly (stream, SHA-256)'.padEnd(58)}${rate(figures.storePut)}\n`);
  process.stdout.write(`${'platform: POST /api/files (gateway → media → store)'.padEnd(58)}${rate(figures.upload)}\n`);
  process.stdout.write(`${'baseline: read from the store directly'.padEnd(58)}${rate(figures.storeGet)}\n`);
  process.stdout.write(`${'platform: GET /content → signed URL (gateway ← media ← store)'.padEnd(58)}${rate(figures.download)}\n`);
  process.stdout.write(
    `\nratio platform / baseline: upload ${(figures.storePut / figures.upload).toFixed(2)}x, download ${(figures.storeGet / figures.download).toFixed(2)}x\n`,
  );
  process.stdout.write(`\nresident memory while the file went through (MiB): the file is never held whole\n\n`);
  for (const name of ['gateway', 'media'] as const) {
    const { before, peak } = figures.memory[name];
    process.stdout.write(`${name.padEnd(58)}${before.toFixed(0).padStart(8)} before${peak.toFixed(0).padStart(8)} at most (+${(peak - before).toFixed(0)})\n`);
  }
}

/** P4: last lesson → certificate notification on the stream, beside the path's bare hops. */
async function journeyLine() {
  const { journeys, hops, steps } = await journeyFigures(Number(process.env.BENCH_JOURNEYS ?? 50));
  const row = (label: string, values: readonly number[]) =>
    process.stdout.write(`${label.padEnd(58)}${percentile(values, 0.5).toFixed(1).padStart(8)}${percentile(values, 0.99).toFixed(1).padStart(8)}\n`);
  const notified = journeys.map((j) => j.notified);
  const slowest = journeys.length < 100 ? `; below 100 journeys p99 is the slowest` : '';
  process.stdout.write(`\nlearning latency — ${journeys.length} journeys one at a time, ms from sending the POST${slowest}\n\n`);
  process.stdout.write(`${'run'.padEnd(58)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}\n`);
  row('baseline: 3 Kafka hops (acks all, Avro) + Redis pub/sub', hops);
  row('platform: POST complete → certificate notification (SSE)', notified);
  row(
    '  HTTP answer (200, the progress)',
    journeys.map((j) => j.answered),
  );
  row(
    '  enrollment.completed sent (record timestamp)',
    journeys.map((j) => j.completedOnTopic),
  );
  row(
    '  certificate.issued sent (record timestamp)',
    journeys.map((j) => j.issuedOnTopic),
  );
  process.stdout.write(
    `\nratio platform / baseline: p50 ${(percentile(notified, 0.5) / percentile(hops, 0.5)).toFixed(2)}x, p99 ${(percentile(notified, 0.99) / percentile(hops, 0.99)).toFixed(2)}x\n`,
  );
  process.stdout.write(`\nwhere a journey's time goes (means over the run, from the processes' histograms)\n\n`);
  for (const { label, meanMs, count } of steps) process.stdout.write(`${label.padEnd(58)}${meanMs.toFixed(2).padStart(8)} ms  (${count})\n`);
}

const lines: Record<string, () => Promise<void>> = {
  P1: commandRoundTrip,
  P5: codecLine,
  P2: relayLine,
  catalog: catalogLine,
  P3: rebuildLine,
  P4: journeyLine,
  files: filesLine,
};
const chosen = (process.env.BENCH_LINES ?? Object.keys(lines).join(',')).split(',').map((name) => name.trim());
const unknown = chosen.filter((name) => !(name in lines));
if (unknown.length > 0) throw new Error(`BENCH_LINES names no line ${unknown.join(', ')}; the lines: ${Object.keys(lines).join(', ')}`);

let running: { stop(): Promise<void> } | undefined;
try {
  if (!(await reachable(`${env.gatewayUrl}/ready`))) {
    process.stdout.write('starting the services and the gateway…\n');
    running = await startPlatform();
  }
  for (const name of chosen) await lines[name]!();
} finally {
  await running?.stop();
}
