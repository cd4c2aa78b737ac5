// Operator scripts (revoking a certificate, creating an API key) reach the database that a running
// `npm start` uses: DATABASE_URL, or the embedded server under DATA_DIR with its generated password.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config';

export async function operatorDatabaseUrl(config: Config): Promise<string> {
  if (config.databaseUrl) return config.databaseUrl;
  const password = (await readFile(path.join(config.dataDir, 'pg-password'), 'utf8')).trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${config.embeddedPostgresPort}/evident`;
}
