import { operationsHeaders } from '../test/support/operations.js';

/**
 * Where a command's time goes, from the Prometheus histograms the processes keep: scraped
 * before and after a run, each step's mean is Δsum / Δcount over that run.
 */

type Sums = Map<string, { sum: number; count: number }>;

/** `name{labels}` → sum and count of every histogram in a /metrics text. */
function parse(text: string): Sums {
  const sums: Sums = new Map();
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)_(sum|count)(\{[^}]*\})? ([0-9.eE+-]+)$/.exec(line);
    if (!match) continue;
    const [, name, kind, labels = '', value] = match;
    const rest = labels
      .replace(/service="[^"]*"/, '')
      .replace('{,', '{')
      .replace(',}', '}')
      .replace(',,', ',');
    const key = `${name}${rest === '{}' ? '' : rest}`;
    const entry = sums.get(key) ?? { sum: 0, count: 0 };
    entry[kind as 'sum' | 'count'] = Number(value);
    sums.set(key, entry);
  }
  return sums;
}

export async function scrape(urls: Record<string, string>): Promise<Record<string, Sums>> {
  const out: Record<string, Sums> = {};
  for (const [name, url] of Object.entries(urls)) out[name] = parse(await (await fetch(`${url}/metrics`, { headers: operationsHeaders() })).text());
  return out;
}

/** One step: which process's histogram (name with labels) measures it. */
export interface Step {
  label: string;
  process: string;
  metric: string;
  /** Divides by this histogram's count instead of the metric's own: time per notification, say, of a step run several times in one. */
  per?: string;
}

/** Mean milliseconds of each step between two scrapes. */
export function breakdown(
  before: Record<string, Sums>,
  after: Record<string, Sums>,
  steps: readonly Step[],
): Array<{ label: string; meanMs: number; count: number }> {
  return steps.map((step) => {
    const a = after[step.process]?.get(step.metric);
    const b = before[step.process]?.get(step.metric) ?? { sum: 0, count: 0 };
    const per = step.per ? { after: after[step.process]?.get(step.per), before: before[step.process]?.get(step.per) } : { after: a, before: b };
    const count = (per.after?.count ?? 0) - (per.before?.count ?? 0);
    return { label: step.label, meanMs: count > 0 ? (((a?.sum ?? 0) - b.sum) / count) * 1000 : NaN, count };
  });
}

/** The steps of `PATCH /api/users/me`, as the gateway and the user service measure them. */
export const commandSteps: readonly Step[] = [
  { label: 'whole request at the gateway', process: 'gateway', metric: 'http_request_duration_seconds{method="PATCH",route="/api/users/me",status="200"}' },
  { label: '  status write (Redis)', process: 'gateway', metric: 'command_step_seconds{stage="status"}' },
  { label: '  produce the command', process: 'gateway', metric: 'command_step_seconds{stage="produce"}' },
  { label: '  await the result', process: 'gateway', metric: 'command_step_seconds{stage="await_result"}' },
  { label: '    wait in user.commands (produced → handled)', process: 'user', metric: 'kafka_consume_delay_seconds{topic="user.commands"}' },
  { label: '    transaction (inbox, load, decide, save, outbox)', process: 'user', metric: 'kafka_handle_seconds{topic="user.commands"}' },
  { label: '    outbox wait (transaction start → relay send)', process: 'user', metric: 'outbox_wait_seconds' },
  { label: '    publish (relay send, acks=all)', process: 'user', metric: 'outbox_send_seconds' },
  { label: '    result back (relay send → gateway)', process: 'gateway', metric: 'kafka_consume_delay_seconds{topic="command.results"}' },
  { label: '  read-back query (internal HTTP)', process: 'gateway', metric: 'internal_call_seconds{target="user"}' },
];

/**
 * The steps of a learning journey's last lesson (P4), as each process measures them. Means over
 * the whole run, so the enrollment-progress steps also count each journey's enrollment and first
 * lesson; the certificate and notification steps see only the journeys' completions.
 */
export const journeySteps: readonly Step[] = [
  { label: 'enrollment.commands: produced → handled', process: 'enrollment-progress', metric: 'kafka_consume_delay_seconds{topic="enrollment.commands"}' },
  {
    label: '  handling (transaction: progress, completion, outbox)',
    process: 'enrollment-progress',
    metric: 'kafka_handle_seconds{topic="enrollment.commands"}',
  },
  { label: '  outbox wait (transaction start → relay send)', process: 'enrollment-progress', metric: 'outbox_wait_seconds' },
  { label: 'enrollment.completed: produced → handled', process: 'certificate', metric: 'kafka_consume_delay_seconds{topic="enrollment.completed"}' },
  { label: '  handling (issue: number, credential, outbox)', process: 'certificate', metric: 'kafka_handle_seconds{topic="enrollment.completed"}' },
  { label: '  outbox wait (transaction start → relay send)', process: 'certificate', metric: 'outbox_wait_seconds' },
  { label: 'certificate.issued: produced → handled', process: 'notification', metric: 'kafka_consume_delay_seconds{topic="certificate.issued"}' },
  { label: '  handling (inbox entry, deliveries, push to Redis)', process: 'notification', metric: 'kafka_handle_seconds{topic="certificate.issued"}' },
  { label: 'enrollment.completed at notification (course-completed)', process: 'notification', metric: 'kafka_handle_seconds{topic="enrollment.completed"}' },
  {
    label: 'notification service, per notification (every event of the run)',
    process: 'notification',
    metric: 'notification_step_seconds{step="notification"}',
  },
  ...(['lookups', 'inbox entry', 'deliveries', 'unread count and push', 'erasure recheck'] as const).map((step) => ({
    label: `  ${step}`,
    process: 'notification',
    metric: `notification_step_seconds{step="${step}"}`,
    per: 'notification_step_seconds{step="notification"}',
  })),
];
