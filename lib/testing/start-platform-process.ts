// Test and bench fixture: the whole platform as `npm start` runs it (scripts/start.ts: embedded
// PostgreSQL unless DATABASE_URL is given, the local chain, the batcher, and `next start` as its
// child), started as a separate process group on free ports and a data directory of the caller's
// choosing, so it can be stopped politely, or killed with everything it started, and started again
// on the same data. It serves the production build: `next build` must have run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config';
import { operatorDatabaseUrl } from '../db/operator-database-url';

export interface PlatformProcessOptions {
  dataDir: string;
  port: number;
  embeddedPostgresPort: number;
  localChainPort: number;
  /** An external PostgreSQL database; unset means the embedded server under dataDir. */
  databaseUrl?: string;
  /** Further settings (BATCH_INTERVAL_MS, API_RATE_LIMIT_PER_MINUTE, …). */
  env?: Record<string, string>;
  /** A command the launcher is started through, its own arguments first (e.g. `unshare -m … sh -c
   * '… exec "$@"' sh`); the launcher's command line follows. It must exec the launcher, so the pid
   * stays the launcher's and its process group holds everything. */
  wrapper?: string[];
}

export interface PlatformProcess {
  baseUrl: string;
  /** The database the platform uses, as an operator script reaches it. */
  databaseUrl: string;
  /** The launcher (scripts/start.ts); it leads the process group holding everything it started. */
  pid: number;
  /** SIGKILL to the whole process tree: launcher, Next.js server, embedded PostgreSQL with its backends, anvil. */
  kill(): Promise<void>;
  /** SIGTERM to the launcher, which stops the Next.js server and the services in order. */
  stop(): Promise<void>;
  /** The launcher's and its children's output so far (the last lines), for failure messages. */
  output(): string;
}

// Settings a developer's shell may carry for their own `npm start`: the fixture must not write there.
const INHERITED_SETTINGS_TO_DROP = [
  'DATABASE_URL',
  'CHAIN_RPC_URL',
  'ANCHOR_PRIVATE_KEY',
  'ANCHOR_CONTRACT_ADDRESS',
  'SESSION_SECRET',
  'BORROWER_ID_SALT',
  'RECONCILIATION_KEY_SECRET',
  'STORAGE_DIR',
  'PUBLIC_BASE_URL',
  'PORT',
  'DATA_DIR',
];
const OUTPUT_LINES_KEPT = 200;

export async function startPlatformProcess(options: PlatformProcessOptions, { readyTimeoutMs = 120_000 } = {}): Promise<PlatformProcess> {
  const settings: Record<string, string> = {
    PORT: String(options.port),
    DATA_DIR: options.dataDir,
    EMBEDDED_PG_PORT: String(options.embeddedPostgresPort),
    LOCAL_CHAIN_PORT: String(options.localChainPort),
    SEED_DEMO: 'false',
    NEXT_TELEMETRY_DISABLED: '1',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl, ...(await externalDatabaseSecrets(options.dataDir)) } : {}),
    ...options.env,
  };
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_SETTINGS_TO_DROP) delete env[name];
  Object.assign(env, settings);

  const command = [...(options.wrapper ?? []), process.execPath, '--import', 'tsx', 'scripts/start.ts'];
  const launcher = spawn(command[0], command.slice(1), {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter((line) => line.trim() !== ''));
    if (lines.length > OUTPUT_LINES_KEPT) lines.splice(0, lines.length - OUTPUT_LINES_KEPT);
  };
  launcher.stdout!.on('data', keep);
  launcher.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => launcher.once('exit', () => resolve()));
  const output = () => lines.join('\n');
  const pid = launcher.pid!;

  const killGroup = async () => {
    // PostgreSQL's backends leave the group (setsid), so the tree is killed too, not only the group.
    const tree = processTree(pid);
    for (const target of [-pid, ...tree]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    await exited;
    await waitUntilGone(pid, tree);
  };

  const baseUrl = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntilHealthy({ baseUrl, launcher, timeoutMs: readyTimeoutMs });
  } catch (error) {
    await killGroup();
    throw new Error(`${(error as Error).message}\nPlatform output:\n${output()}`);
  }

  return {
    baseUrl,
    databaseUrl: await operatorDatabaseUrl(loadConfig(settings)),
    pid,
    kill: killGroup,
    async stop() {
      if (launcher.exitCode === null && launcher.signalCode === null) launcher.kill('SIGTERM');
      const timer = setTimeout(() => void killGroup(), 30_000);
      await exited;
      clearTimeout(timer);
      await waitUntilGone(pid, []);
    },
    output,
  };
}

async function waitUntilHealthy({ baseUrl, launcher, timeoutMs }: { baseUrl: string; launcher: ChildProcess; timeoutMs: number }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (launcher.exitCode !== null || launcher.signalCode !== null) {
      throw new Error(`The platform exited during start-up (${launcher.exitCode ?? launcher.signalCode}).`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The platform did not answer ${baseUrl}/api/health with 200 within ${timeoutMs} ms.`);
}

/** Embedded PostgreSQL's backends and anvil may outlive the launcher by a moment; a restart needs their ports and files. */
async function waitUntilGone(pgid: number, pids: number[]): Promise<void> {
  const watched = new Set(pids);
  const remaining = () => listProcesses().filter((p) => p.state !== 'Z' && (p.pgid === pgid || watched.has(p.pid)));
  for (let i = 0; i < 100 && remaining().length > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
}

export function listProcesses(): ProcessInfo[] {
  const processes: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name (field 2) is in parentheses and may contain spaces; the fields after it are fixed.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      processes.push({ pid: Number(entry), state: fields[0], ppid: Number(fields[1]), pgid: Number(fields[2]) });
    } catch {
      // exited while we were reading
    }
  }
  return processes;
}

/** The process and all its descendants. */
export function processTree(rootPid: number, processes: ProcessInfo[] = listProcesses()): number[] {
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) {
    for (const p of processes) if (p.ppid === tree[i]) tree.push(p.pid);
  }
  return tree;
}

/** Resident memory of one process in bytes (VmRSS), 0 when it has gone. */
export function residentBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/**
 * Checks that the production build exists and is not older than the sources it is built from
 * (app/, lib/ with its message files, proxy.ts), so a test never exercises yesterday's code. With `build`, a
 * missing or stale build is made (`next build`); without, an error says what to run.
 */
export function ensureProductionBuild({ build }: { build: boolean }): void {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  const buildId = path.join(distDir, 'BUILD_ID');
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const newerSource = builtAt === 0 ? 'none yet' : newestSourceAfter(builtAt);
  if (newerSource === null) return;
  const reason = builtAt === 0 ? `${buildId} is missing` : `${newerSource} changed after the last build`;
  if (!build) throw new Error(`The production build is not usable: ${reason}. Run \`npx next build\` first.`);
  const result = spawnSync(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'build'], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`next build failed (${reason}):\n${result.stdout}\n${result.stderr}`);
}

const SOURCE_ROOTS = ['app', 'lib', 'proxy.ts', 'next.config.js'];
// Fixtures and tests are never part of the server build.
const NOT_BUILT = /(\.test\.tsx?$)|(^lib\/testing\/)/;

function newestSourceAfter(time: number): string | null {
  const stack = SOURCE_ROOTS.filter((root) => existsSync(root));
  while (stack.length > 0) {
    const current = stack.pop()!;
    const stat = statSync(current);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(current)) stack.push(path.join(current, entry));
    } else if (stat.mtimeMs > time && !NOT_BUILT.test(current)) {
      return current;
    }
  }
  return null;
}

/**
 * With an external database the platform wants its secrets named (lib/config.ts assertSecretsConfig).
 * They are made once per data directory, so a restart on the same data keeps them.
 */
async function externalDatabaseSecrets(dataDir: string): Promise<Record<string, string>> {
  const file = path.join(dataDir, 'test-secrets.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
  const secrets = {
    ISSUER_PRIVATE_KEY: `0x${randomBytes(32).toString('hex')}`,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    BORROWER_ID_SALT: randomBytes(32).toString('base64url'),
    RECONCILIATION_KEY_SECRET: randomBytes(32).toString('base64url'),
  };
  await writeFile(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/** With TEST_POSTGRES_ADMIN_URL set, a fresh database on that server for one platform process. */
