import type { Knex } from 'knex';
import type { ReplicaTable } from './replica.js';

type Db = Knex | Knex.Transaction;

/** A quoted SQL identifier (names come from code, quoting keeps reserved words and case safe). */
export const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** How a rebuilt table compares with the live one. */
export interface TableComparison {
  table: string;
  liveRows: number;
  rebuiltRows: number;
  /** md5 over the compared columns of every row, in key order. */
  liveChecksum: string;
  rebuiltChecksum: string;
  equal: boolean;
  /** How many keys have a row on one side only or different rows on the two sides. */
  differing: number;
  /** The first of them (up to `shownKeys`), each with the side(s) its rows are on. */
  differingKeys: { key: Record<string, unknown>; live: boolean; rebuilt: boolean }[];
}

/** The columns a comparison reads: every column of the live table but the ignored ones. */
export async function comparedColumns(db: Db, schema: string, table: ReplicaTable): Promise<string[]> {
  const rows = (
    await db.raw('select column_name from information_schema.columns where table_schema = ? and table_name = ? order by ordinal_position', [schema, table.name])
  ).rows as { column_name: string }[];
  if (rows.length === 0) throw new Error(`table ${schema}.${table.name} does not exist`);
  const ignored = new Set(table.ignore ?? []);
  return rows.map((row) => row.column_name).filter((column) => !ignored.has(column));
}

async function summary(db: Db, schema: string, table: string, columns: readonly string[], key: readonly string[]) {
  const list = columns.map(quoted).join(', ');
  const order = key.map(quoted).join(', ');
  const row = (
    await db.raw(
      `select count(*)::int as rows, md5(coalesce(string_agg(md5(row(${list})::text), ',' order by ${order}), '')) as checksum from ${quoted(schema)}.${quoted(table)}`,
    )
  ).rows[0] as { rows: number; checksum: string };
  return row;
}

/** Compares one table of two schemas on its compared columns; names differing keys only when the checksums differ. */
export async function compareTable(db: Db, schemas: { live: string; rebuilt: string }, table: ReplicaTable, shownKeys = 20): Promise<TableComparison> {
  const columns = await comparedColumns(db, schemas.live, table);
  const live = await summary(db, schemas.live, table.name, columns, table.key);
  const rebuilt = await summary(db, schemas.rebuilt, table.name, columns, table.key);
  const comparison: TableComparison = {
    table: table.name,
    liveRows: live.rows,
    rebuiltRows: rebuilt.rows,
    liveChecksum: live.checksum,
    rebuiltChecksum: rebuilt.checksum,
    equal: live.checksum === rebuilt.checksum,
    differing: 0,
    differingKeys: [],
  };
  if (comparison.equal) return comparison;
  const list = columns.map(quoted).join(', ');
  const keys = table.key.map(quoted).join(', ');
  const from = (schema: string) => `select ${list} from ${quoted(schema)}.${quoted(table.name)}`;
  const differences = (
    await db.raw(
      `with only_live as (${from(schemas.live)} except all ${from(schemas.rebuilt)}),
            only_rebuilt as (${from(schemas.rebuilt)} except all ${from(schemas.live)}),
            sides as (select ${keys}, true as live, false as rebuilt from only_live
                      union all select ${keys}, false, true from only_rebuilt)
       select ${keys}, bool_or(live) as live, bool_or(rebuilt) as rebuilt, count(*) over () as total
       from sides group by ${keys} order by ${keys} limit ?`,
      [shownKeys],
    )
  ).rows as Record<string, unknown>[];
  comparison.differing = Number(differences[0]?.total ?? 0);
  comparison.differingKeys = differences.map((row) => ({
    key: Object.fromEntries(table.key.map((column) => [column, row[column]])),
    live: row.live as boolean,
    rebuilt: row.rebuilt as boolean,
  }));
  return comparison;
}

/**
 * Makes the live table hold the rebuilt rows: deletes live rows the rebuild lacks (on the compared
 * columns), then inserts rebuilt rows whose key the live table lacks. Rows that agree are not
 * touched. Call children before parents for the deletes, parents first for the inserts.
 */
export async function deleteRowsNotRebuilt(trx: Knex.Transaction, schemas: { live: string; rebuilt: string }, table: ReplicaTable): Promise<number> {
  const columns = await comparedColumns(trx, schemas.live, table);
  const tuple = (alias: string) => `(${columns.map((column) => `${alias}.${quoted(column)}`).join(', ')})`;
  const result = await trx.raw(
    `delete from ${quoted(schemas.live)}.${quoted(table.name)} l
     where not exists (select 1 from ${quoted(schemas.rebuilt)}.${quoted(table.name)} r where ${tuple('r')} is not distinct from ${tuple('l')})`,
  );
  return result.rowCount as number;
}

export async function insertRowsRebuilt(trx: Knex.Transaction, schemas: { live: string; rebuilt: string }, table: ReplicaTable): Promise<number> {
  const all = await comparedColumns(trx, schemas.live, { name: table.name, key: table.key });
  const list = all.map(quoted).join(', ');
  const keyMatch = table.key.map((column) => `l.${quoted(column)} = r.${quoted(column)}`).join(' and ');
  const result = await trx.raw(
    `insert into ${quoted(schemas.live)}.${quoted(table.name)} (${list})
     select ${all.map((column) => `r.${quoted(column)}`).join(', ')} from ${quoted(schemas.rebuilt)}.${quoted(table.name)} r
     where not exists (select 1 from ${quoted(schemas.live)}.${quoted(table.name)} l where ${keyMatch})`,
  );
  return result.rowCount as number;
}
