// Runs a Prisma.sql query on a Prisma client or transaction, or on a pg connection, with the same
// result values either way (int8 as bigint, timestamptz as Date, bytea as bytes), so that a read can
// serve both the Prisma paths and the pg transactions of the bulk paths (sealing, ingest).
import pg from 'pg';
import type { PrismaClient } from './client';
import type { Prisma } from './generated/client';
import type { PgTransaction } from './with-pg-transaction';

export type SqlClient = PrismaClient | Prisma.TransactionClient | PgTransaction;

const INT8_OID = 20;

/** pg's parsers, except that int8 becomes a bigint as Prisma returns it, not a string. */
const PRISMA_LIKE_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => BigInt(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export async function querySql<T>(db: SqlClient, sql: Prisma.Sql): Promise<T[]> {
  if ('$queryRaw' in db) return db.$queryRaw<T[]>(sql);
  const { rows } = await db.query({ text: sql.text, values: sql.values, types: PRISMA_LIKE_TYPES });
  return rows as T[];
}
