import { printTable } from '../operator/output.js';
import type { CommandRow } from './audit/commands.js';
import type { EffectRow } from './audit/effects.js';
import type { EventRow } from './audit/events.js';

export interface FaultResult {
  name: string;
  /** Seconds into the load when it was injected. */
  atS: number;
  /** From injection until the process or server was back. */
  outageMs: number;
  /** From then until every probe of the fault went through; undefined when they did not in time. */
  recoveryMs: number | undefined;
  error?: string;
}

export interface ChaosReport {
  learners: number;
  /** Journeys that reached their certificate. */
  finished: number;
  /** Learners who bought their course, and those of them who asked for a refund. */
  buyers: number;
  refunders: number;
  commands: CommandRow[];
  events: EventRow[];
  effects: EffectRow[];
  deadLetters: Array<{ topic: string; records: number }>;
  faults: FaultResult[];
  settled: boolean;
  settleMs: number;
  lost: number;
  duplicates: number;
  /** The first lost and duplicated facts, rejected commands and stopped journeys, named. */
  details: string[];
}

/** The run failed: something accepted was lost, something was applied twice, a fault did not recover, or the platform never settled. */
export const failed = (report: ChaosReport) =>
  report.lost > 0 || report.duplicates > 0 || !report.settled || report.faults.some((fault) => fault.error !== undefined || fault.recoveryMs === undefined);

const seconds = (ms: number | undefined) => (ms === undefined ? 'not recovered' : `${(ms / 1000).toFixed(1)} s`);

/** Rows under titled columns: each column a key of the row and its title. */
function section(rows: readonly object[], columns: ReadonlyArray<[key: string, title: string]>): void {
  printTable(
    rows.map((row) => Object.fromEntries(columns.map(([key, title]) => [title, (row as Record<string, unknown>)[key]]))),
    columns.map(([, title]) => title),
  );
  console.log();
}

export function printReport(report: ChaosReport): void {
  console.log(
    `\n${report.learners} learners (${report.buyers} bought their course, ${report.refunders} of them asked for a refund), ${report.finished} reached their certificate; settled ${report.settled ? `${seconds(report.settleMs)} after the load` : 'NOT (timed out)'}\n`,
  );
  section(report.commands, [
    ['kind', 'command'],
    ['accepted', 'accepted'],
    ['applied', 'applied'],
    ['lost', 'lost'],
    ['rejected', 'rejected'],
    ['unanswered', 'unanswered'],
  ]);
  section(report.events, [
    ['topic', 'events (topic)'],
    ['records', 'records'],
    ['ids', 'event ids'],
    ['republished', 'republished'],
    ['duplicates', 'duplicates'],
    ['missing', 'missing'],
  ]);
  section(report.effects, [
    ['effect', 'effect'],
    ['expected', 'expected'],
    ['found', 'found'],
    ['duplicates', 'duplicates'],
    ['missing', 'missing'],
  ]);
  section(report.deadLetters, [
    ['topic', 'dead-letter topic'],
    ['records', 'records'],
  ]);
  const faults = report.faults.map((fault) => ({
    name: fault.name,
    at: `${fault.atS.toFixed(0)} s`,
    outage: seconds(fault.outageMs),
    recovery: fault.error ? `failed: ${fault.error}` : seconds(fault.recoveryMs),
  }));
  section(faults, [
    ['name', 'fault'],
    ['at', 'at'],
    ['outage', 'outage'],
    ['recovery', 'recovered after'],
  ]);
  for (const detail of report.details) console.log(`  ${detail}`);
  console.log(`lost ${report.lost}, duplicated ${report.duplicates}, dead letters ${report.deadLetters.reduce((sum, row) => sum + row.records, 0)}`);
}
