// A throwaway database on a PostgreSQL server (TEST_POSTGRES_ADMIN_URL), for tests and benches that
// run against a real server instead of the embedded one; drop() removes it, connections and all.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export async function createScratchDatabase(adminUrl: string, prefix = 'evident_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
