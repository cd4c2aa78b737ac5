// The one typed SQL layer beside Prisma's model API (docs/architecture.md, "Data access"): queries
// are built with Kysely over the generated `Database` interface (lib/db/generated-database.ts) and
// run by runQuery/runStatement on whatever the caller holds: the Prisma client, a Prisma interactive
// transaction, or a pg connection inside withPgTransaction (the bulk paths). Kysely only builds and
// compiles here (its documented "splitting query building and execution"); execution stays where it
// was, so a statement costs the same round trips as before, whichever way it is run.
//
// Results are the same values on every path: int8 as bigint, timestamptz as Date, bytea as bytes
// (Prisma gives Uint8Array, pg a Buffer, which is one), JSON parsed.
import {
  CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type Compilable,
  type RawBuilder,
} from 'kysely';
import pg from 'pg';
import type { PrismaClient } from './client';
import type { Prisma } from './generated/client';
import type { Database } from './generated-database';
import type { PgConnection } from './with-pg-connection';
import type { PgTransaction } from './with-pg-transaction';

export { expressionBuilder, sql, type Expression, type InsertObject, type RawBuilder, type SqlBool } from 'kysely';
export type * from './generated-database';

/** Where a query runs: the Prisma client, a Prisma transaction, a pg transaction, or the pg pool
 * under the Prisma client (getPgPool), for a hot path that skips Prisma's per-query cost. */
export type SqlDb = PrismaClient | Prisma.TransactionClient | PgTransaction | PgConnection | pg.Pool;

/** The query builder. It compiles; runQuery and runStatement execute. */
export const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const INT8_OID = 20;

/** pg's parsers, except that int8 becomes a bigint as Prisma returns it, not a string. */
const PRISMA_LIKE_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => BigInt(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A builder query (db.selectFrom…), a `sql` template, or a compiled query. */
export type Query<R> = Compilable<R> | RawBuilder<R> | CompiledQuery<R>;

function compiled<R>(query: Query<R>): CompiledQuery<R> {
  if (!('compile' in query)) return query;
  return isRawBuilder(query) ? query.compile(db) : query.compile();
}

function isRawBuilder<R>(query: Compilable<R> | RawBuilder<R>): query is RawBuilder<R> {
  return 'isRawBuilder' in query && query.isRawBuilder === true;
}

function isPrisma(target: SqlDb): target is PrismaClient | Prisma.TransactionClient {
  return '$queryRawUnsafe' in target;
}

/**
 * The rows of a query. `name` makes it a named prepared statement on a pg connection (parsed and
 * planned once per connection), for a statement a hot path sends many times.
 */
export async function runQuery<R>(target: SqlDb, query: Query<R>, { name }: { name?: string } = {}): Promise<R[]> {
  const { sql: text, parameters } = compiled(query);
  if (isPrisma(target)) return target.$queryRawUnsafe<R[]>(text, ...parameters);
  const { rows } = await target.query({ name, text, values: parameters as unknown[], types: PRISMA_LIKE_TYPES });
  return rows as R[];
}

/** Runs a statement for its effect; the number of rows it changed. */
export async function runStatement(target: SqlDb, query: Query<unknown>): Promise<number> {
  const { sql: text, parameters } = compiled(query);
  if (isPrisma(target)) return target.$executeRawUnsafe(text, ...parameters);
  const { rowCount } = await target.query({ text, values: parameters as unknown[] });
  return rowCount ?? 0;
}

/**
 * A statement kept as fixed SQL text with numbered parameters, for the few whose text must stay
 * exactly as measured (a parameter used twice, e.g. the bulk evidence insert). The text is a
 * constant; nothing is ever assembled into it.
 */
export function fixedStatement<R>(text: string, parameters: readonly unknown[]): CompiledQuery<R> {
  return CompiledQuery.raw(text, [...parameters]) as CompiledQuery<R>;
}
