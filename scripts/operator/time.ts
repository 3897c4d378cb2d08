import { OperatorError } from './failure.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A duration as an operator writes it: `90s`, `15m`, `2h`, `1d`, `1w` (combinable: `1h30m`), or
 * ISO 8601 as Kafka's own tool takes it (`PT15M`, `P1D`, `P1DT12H`).
 */
export function parseDuration(text: string): number {
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text);
  if (iso && text.length > 1 && !/T$/i.test(text)) {
    const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = iso;
    return Number(days) * UNITS.d! + Number(hours) * UNITS.h! + Number(minutes) * UNITS.m! + Number(seconds) * UNITS.s!;
  }
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text) {
    throw new OperatorError(`"${text}" is not a duration (e.g. 90s, 15m, 2h, 1d, 1h30m, or ISO 8601 like PT15M, P1D)`);
  }
  return parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * (UNITS[unit as string] as number), 0);
}

/**
 * A point in time: ISO 8601 with a zone (`2026-12-01T08:00:00Z`; a date alone is midnight UTC) or
 * epoch milliseconds. A time without a zone would be read in the machine's zone, so it is refused.
 */
export function parseInstant(text: string): Date {
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(text);
  const at = /^\d{10,}$/.test(text) ? new Date(Number(text)) : iso ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) throw new OperatorError(`"${text}" is not a time (ISO 8601 with a zone, e.g. 2026-12-01T08:00:00Z, or epoch milliseconds)`);
  return at;
}

/** `--since`: a time, or a duration back from `now`; never in the future. */
export function sinceTime(text: string, now: Date): Date {
  const trimmed = text.trim();
  let at: Date;
  try {
    at = /^\d{4}-|^\d{10,}$/.test(trimmed) ? parseInstant(trimmed) : new Date(now.getTime() - parseDuration(trimmed));
  } catch (error) {
    if (error instanceof OperatorError) throw new OperatorError(`--since ${error.message}`);
    throw error;
  }
  if (at.getTime() > now.getTime()) throw new OperatorError(`--since ${at.toISOString()} is in the future`);
  return at;
}
