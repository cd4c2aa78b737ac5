// A connection of its own to the database at `databaseUrl`, outside the Prisma client's pool, for
// work that must not hold a pooled connection or needs one to itself (bench setup: bulk INSERT …
// SELECT, VACUUM, CHECKPOINT). Run queries on it with runQuery/runStatement (lib/db/sql.ts).
import pg from 'pg';

export type PgConnection = pg.ClientBase;

export async function withPgConnection<T>(databaseUrl: string, work: (connection: PgConnection) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
