// A database that is down is a 503 with Retry-After and the code `database-unavailable`, in every
// form the error reaches the one error mapping (pg, pg.Pool, Prisma's driver adapter), logged once
// per interval without a stack trace; and the health report names the error.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { anonymousViewer } from '../auth/viewer';
import { createPrismaClient, getPgPool, type PrismaClient } from '../db/client';
import { withPgTransaction } from '../db/with-pg-transaction';
import { checkHealth } from '../health/check-health';
import { freePort, startTestServices, type TestServices } from '../testing/start-test-services';
import { problemResponse } from './problem-response';

let services: TestServices;
let unreachable: PrismaClient;

beforeAll(async () => {
  services = await startTestServices();
  // Nothing listens there: every connection is refused.
  unreachable = createPrismaClient(`postgresql://postgres:x@127.0.0.1:${await freePort()}/evident`);
});

afterAll(async () => {
  await unreachable?.$disconnect();
  await services?.stop();
});

async function caught(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected the database call to fail');
}

/** Runs `query` on a fresh connection and ends that connection from another session meanwhile. */
async function terminatedMidQuery(query: (pid: number) => Promise<unknown>, pidOf: () => Promise<number>): Promise<unknown> {
  const pid = await pidOf();
  const running = caught(query(pid));
  const admin = new pg.Client({ connectionString: services.databaseUrl });
  await admin.connect();
  try {
    // Ended only once it runs: ended before, the query would fail otherwise than mid-query. The sleep
    // lasts 10 s, so a loaded machine gets most of that to start it (the bound was 2.5 s, after which
    // the backend was ended whether or not the query ran).
    const deadline = Date.now() + 8_000;
    for (;;) {
      const { rows } = await admin.query<{ waiting: boolean }>(
        "SELECT count(*) > 0 AS waiting FROM pg_stat_activity WHERE pid = $1 AND query LIKE '%pg_sleep%'",
        [pid],
      );
      if (rows[0].waiting) break;
      if (Date.now() > deadline) throw new Error(`the query did not start on backend ${pid} within 8 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
  } finally {
    await admin.end();
  }
  return running;
}

async function expectDatabaseUnavailable(error: unknown) {
  const response = problemResponse(error);
  expect(response.status, String(error)).toBe(503);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = (await response.json()) as { code: string; detail: string };
  expect(body.code).toBe('database-unavailable');
  expect(body.detail).not.toMatch(/prisma|pg_|ECONN|at \//i);
}

describe('a database that is down', () => {
  it('is a 503 with Retry-After for Prisma model calls and raw queries', async () => {
    await expectDatabaseUnavailable(await caught(unreachable.batch.count()));
    await expectDatabaseUnavailable(await caught(unreachable.$queryRaw`SELECT 1`));
  });

  it('is a 503 for pg and its pool (refused, terminated by the server)', async () => {
    await expectDatabaseUnavailable(await caught(withPgTransaction(unreachable, (tx) => tx.query('SELECT 1'))));
    const client = new pg.Client({ connectionString: services.databaseUrl });
    await client.connect();
    client.on('error', () => undefined);
    const terminated = await terminatedMidQuery(
      () => client.query('SELECT pg_sleep(10)'),
      async () => (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid,
    );
    expect((terminated as { code?: string }).code).toBe('57P01');
    await expectDatabaseUnavailable(terminated);
    // The connection is gone for good now: what pg says to the next query on it.
    await expectDatabaseUnavailable(await caught(client.query('SELECT 1')));
  });

  it('is a 503 when Prisma loses its connection mid-query', async () => {
    const prisma = createPrismaClient(services.databaseUrl);
    try {
      const pool = getPgPool(prisma);
      const terminated = await terminatedMidQuery(
        () => prisma.$queryRaw`SELECT pg_sleep(10)`,
        async () => {
          // The pool's one idle connection is the one the sleep will run on.
          const [{ pid }] = await prisma.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
          expect(pool.totalCount).toBe(1);
          return pid;
        },
      );
      await expectDatabaseUnavailable(terminated);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('is still a 500 for a database error that is not about reaching it', async () => {
    const error = await caught(services.prisma.$queryRaw`SELECT * FROM no_such_table`);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(problemResponse(error).status).toBe(500);
    } finally {
      quiet.mockRestore();
    }
  });

  it('is logged once per interval with a count, without a stack trace', async () => {
    const error = await caught(unreachable.batch.count());
    const lines: string[] = [];
    const capture = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      lines.push(args.map((arg) => (arg instanceof Error ? arg.stack : String(arg))).join(' '));
    });
    try {
      for (let i = 0; i < 200; i++) expect(problemResponse(error).status).toBe(503);
    } finally {
      capture.mockRestore();
    }
    expect(lines.length).toBeLessThanOrEqual(1);
    for (const line of lines) {
      expect(line).toContain("Can't reach database server");
      expect(line).not.toMatch(/\n\s+at /);
    }
  });

  it('is named in the health report', async () => {
    const health = await checkHealth({ prisma: unreachable, storageDir: services.config.storageDir, viewer: anonymousViewer() });
    expect(health.ok).toBe(false);
    expect(health.database.ok).toBe(false);
    expect(health.database.error).toMatch(/Can't reach database server/);
  });
});
