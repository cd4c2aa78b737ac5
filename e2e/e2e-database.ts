// Direct reads of the e2e platform's database, for tests that must prove a refused write changed
// nothing. Read-only by convention: the tests look, the platform writes.
import pg from 'pg';
import { loadConfig } from '../lib/config';
import { operatorDatabaseUrl } from '../lib/db/operator-database-url';
import { E2E_DATA_DIR, E2E_PG_PORT } from '../playwright.config';

export async function queryE2eDatabase<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const url = await operatorDatabaseUrl(loadConfig({ DATA_DIR: E2E_DATA_DIR, EMBEDDED_PG_PORT: E2E_PG_PORT }));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
