import { localPostgresUrl, processOf, type ProcessName, type ProcessOf } from '@smartcourse/contracts';
import { z } from 'zod';
import { port } from './config.js';

type StoresOf<N extends ProcessName> = ProcessOf<N>['stores'][number];
type PostgresUrlEnv<N extends ProcessName> = Extract<StoresOf<N>, { kind: 'postgres' }>['urlEnv'];
type DocumentsNameEnv<N extends ProcessName> = Extract<StoresOf<N>, { kind: 'mongodb' }>['nameEnv'];

const portField = port;
const hostField = z.string();
const urlField = z.url();
const nameField = z.string().min(1);

/** The variables of a process's place in the topology, with the topology's names and defaults. */
export type PlacementConfig<N extends ProcessName> = Record<ProcessOf<N>['portEnv'], typeof portField> &
  Record<ProcessOf<N>['hostEnv'], typeof hostField> &
  Record<PostgresUrlEnv<N>, typeof urlField> &
  Record<DocumentsNameEnv<N>, typeof nameField>;

/**
 * Where a process listens and which databases are its own: the variables and their defaults come
 * from contracts/src/topology.ts, so no config repeats a port, a database name or a variable name.
 */
export function placementConfig<N extends ProcessName>(name: N): PlacementConfig<N> {
  const spec = processOf(name);
  const shape: Record<string, z.ZodType> = {
    [spec.portEnv]: portField.default(spec.port).describe(`The port of ${name}'s HTTP API.`),
    [spec.hostEnv]: hostField.default('127.0.0.1').describe(`The interface ${name}'s HTTP API binds to.`),
  };
  for (const store of spec.stores as readonly ProcessOf<ProcessName>['stores'][number][]) {
    if (store.kind === 'postgres') shape[store.urlEnv] = urlField.default(localPostgresUrl(store.database)).describe(`${name}'s Postgres database.`);
    else shape[store.nameEnv] = nameField.default(store.database).describe(`${name}'s database on the document store.`);
  }
  return shape as PlacementConfig<N>;
}

/** A process's place read from its parsed config: the HTTP address and its stores. */
export interface Placement {
  http: { port: number; host: string };
  /** The URL of its Postgres database (empty when it has none). */
  postgresUrl: string;
  /** The name of its document-store database (empty when it has none). */
  documentsDatabase: string;
}

export function placementOf(name: ProcessName, config: object): Placement {
  const spec = processOf(name);
  const values = config as Record<string, unknown>;
  const stores = spec.stores as readonly ProcessOf<ProcessName>['stores'][number][];
  const postgres = stores.find((store) => store.kind === 'postgres');
  const documents = stores.find((store) => store.kind === 'mongodb');
  return {
    http: { port: values[spec.portEnv] as number, host: values[spec.hostEnv] as string },
    postgresUrl: postgres ? (values[postgres.urlEnv] as string) : '',
    documentsDatabase: documents ? (values[documents.nameEnv] as string) : '',
  };
}
