import { Logger } from '@nestjs/common';
import type { Pool, QueryResult, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Parameterised SQL straight on the pg pool that TypeORM opened, for hot paths
 * (the chat turn): no QueryRunner per statement, and each statement is prepared once
 * per connection (a named statement: parsed and planned once, then only bound and
 * executed). TypeORM entities and migrations stay the schema source; use this only
 * for short, fixed statements whose SQL lives beside the code that owns the table.
 *
 * Same logging as TypeORM's (DatabaseLogger): failures and statements slower than
 * {@link SLOW_QUERY_MS} are logged as warnings, never with their parameters.
 */
export interface Statement {
  /** Unique per SQL text (pg refuses a name reused with other text). */
  readonly name: string;
  readonly text: string;
}

/** As `maxQueryExecutionTime` in database.module.ts. */
export const SLOW_QUERY_MS = 1000;

const logger = new Logger('Database');
const names = new Map<string, string>();

/** Declares a prepared statement (module level, once). */
export function statement(name: string, text: string): Statement {
  const normalized = text.replace(/\s+/g, ' ').trim();
  const existing = names.get(name);
  if (existing !== undefined && existing !== normalized) throw new Error(`Prepared statement name ${name} is used for two different statements`);
  names.set(name, normalized);
  return { name: `atrium_${name}`, text: normalized };
}

/** The pg pool behind a TypeORM DataSource (PostgresDriver.master). */
export function poolOf(ds: DataSource): Pool {
  const pool = (ds.driver as unknown as { master?: Pool }).master;
  if (!pool) throw new Error('The data source is not connected to PostgreSQL');
  return pool;
}

export async function run<R extends QueryResultRow = QueryResultRow>(pool: Pool, stmt: Statement, values: unknown[]): Promise<QueryResult<R>> {
  const started = performance.now();
  try {
    const result = await pool.query<R>({ name: stmt.name, text: stmt.text, values });
    const ms = performance.now() - started;
    if (ms > SLOW_QUERY_MS) logger.warn({ query: stmt.text.slice(0, 500), duration_ms: Math.round(ms) }, 'Slow query');
    return result;
  } catch (e) {
    logger.warn({ query: stmt.text.slice(0, 500), error: e instanceof Error ? e.message : String(e) }, 'Query failed');
    throw e;
  }
}

/** `created_at`-style timestamptz as the ISO-8601 text JavaScript's `toISOString()` gives (UTC, milliseconds). */
export function isoSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
