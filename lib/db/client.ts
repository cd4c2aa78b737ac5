// The Prisma client for the configured database, through the pg driver adapter (Prisma 7 is
// Rust-free). One instance per process, a slot of lib/process-state.ts (lib/ is loaded twice in the
// web server process, and Next.js dev reloads modules).
// The adapter runs on a pg.Pool we create, so bulk paths that need pg directly (multi-row inserts,
// see lib/db/with-pg-transaction.ts) share the same connections instead of opening a second pool.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client';
import { getConfig } from '../config';
import { processSingleton } from '../process-state';
import { reportDatabaseUnavailable } from './report-database-unavailable';

// Each client's pool, in the process state: every copy of this module must find the pool of a
// client the other copy made.
const pools = () => processSingleton('pg-pools', () => new WeakMap<PrismaClient, pg.Pool>());
const CONNECT_TIMEOUT_MS = 5_000;

export function createPrismaClient(databaseUrl: string): PrismaClient {
  // A server that does not answer (host gone, packets dropped) fails a request after a while
  // instead of holding it forever; a refused connection fails at once anyway.
  const pool = new pg.Pool({ connectionString: databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle connection that breaks (database restart) emits 'error'; unheard, that would end the
  // process. Every pooled connection breaks at once then: reported once, not once per connection.
  pool.on('error', (error) => reportDatabaseUnavailable(error));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools().set(prisma, pool);
  return prisma;
}

/** The pg pool under a client made by createPrismaClient. */
export function getPgPool(prisma: PrismaClient): pg.Pool {
  const pool = pools().get(prisma);
  if (!pool) throw new Error('This PrismaClient was not made by createPrismaClient, so it has no pg pool to share.');
  return pool;
}

export function getPrisma(): PrismaClient {
  return processSingleton('prisma', () => {
    const { databaseUrl } = getConfig();
    if (!databaseUrl) {
      throw new Error('DATABASE_URL is not set: start Evident with `npm start` or `npm run dev`, which provide it.');
    }
    return createPrismaClient(databaseUrl);
  });
}

export type { PrismaClient };
