/**
 * Does a failed login take the same time whether or not the email has an account? Measures
 * wrong-password logins of existing accounts beside logins of unknown emails, in one run, and
 * prints both and their ratio (1.00 means indistinguishable by timing).
 *
 *   npx tsx scripts/bench-login.ts        (BENCH_SAMPLES=40 by default; the infrastructure must run)
 */
import { randomUUID } from 'node:crypto';
import { api, newUser, uniqueEmail } from '../test/support/http.js';
import { startPlatform } from '../test/support/processes.js';

const samples = Number(process.env.BENCH_SAMPLES ?? 40);

async function failedLogin(email: string, sample: number): Promise<number> {
  const started = performance.now();
  // Each attempt from its own address and email, so lockout and throttling stay out of the figures.
  const answer = await api('POST', '/api/auth/login', {
    body: { email, password: `wrong-${randomUUID()}` },
    headers: { 'x-forwarded-for': `198.51.100.${sample % 250}` },
  });
  if (answer.status !== 401) throw new Error(`expected 401, got ${answer.status}`);
  return performance.now() - started;
}

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length / 2)]!, mean: values.reduce((a, b) => a + b, 0) / values.length };
};

const platform = await startPlatform();
try {
  const users = [];
  for (let i = 0; i < samples; i++) users.push(await newUser(`timing${i}`));
  const known: number[] = [];
  const unknown: number[] = [];
  await failedLogin(uniqueEmail('warm-up'), 0);
  for (let i = 0; i < samples; i++) {
    // Interleaved, so drift on the machine hits both series alike.
    known.push(await failedLogin(users[i]!.email, i));
    unknown.push(await failedLogin(uniqueEmail(`nobody${i}`), i));
  }
  const a = summary(known);
  const b = summary(unknown);
  process.stdout.write(`\nfailed logins, ${samples} each, interleaved\n`);
  process.stdout.write(`existing account, wrong password   p50 ${a.p50.toFixed(1)} ms   mean ${a.mean.toFixed(1)} ms\n`);
  process.stdout.write(`unknown email                      p50 ${b.p50.toFixed(1)} ms   mean ${b.mean.toFixed(1)} ms\n`);
  process.stdout.write(`ratio unknown / existing           p50 ${(b.p50 / a.p50).toFixed(2)}   mean ${(b.mean / a.mean).toFixed(2)}\n`);
} finally {
  await platform.stop();
}
