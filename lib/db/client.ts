// The Prisma client for the configured database, through the pg driver adapter (Prisma 7 is
// Rust-free). One instance per process; Next.js dev reloads modules, so it lives on globalThis.
// The adapter runs on a pg.Pool we create, so bulk paths that need pg directly (multi-row inserts,
// see lib/db/with-pg-transaction.ts) share the same connections instead of opening a second pool.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client';
import { getConfig } from '../config';

const globalForPrisma = globalThis as unknown as { evidentPrisma?: PrismaClient };

// Kept on the client itself under a global symbol, not in a module-level map: Next.js may bundle this
// module more than once, and every copy must find the pool of the one client on globalThis.
const POOL = Symbol.for('evident.pgPool');
type ClientWithPool = PrismaClient & { [POOL]?: pg.Pool };

export function createPrismaClient(databaseUrl: string): PrismaClient {
  const pool = new pg.Pool({ connectionString: databaseUrl });
  // An idle connection that breaks (database restart) emits 'error'; unheard, that would end the process.
  pool.on('error', (error) => console.error(`[evident] idle database connection failed: ${error.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  (prisma as ClientWithPool)[POOL] = pool;
  return prisma;
}

/** The pg pool under a client made by createPrismaClient. */
export function getPgPool(prisma: PrismaClient): pg.Pool {
  const pool = (prisma as ClientWithPool)[POOL];
  if (!pool) throw new Error('This PrismaClient was not made by createPrismaClient, so it has no pg pool to share.');
  return pool;
}

export function getPrisma(): PrismaClient {
  if (!globalForPrisma.evidentPrisma) {
    const { databaseUrl } = getConfig();
    if (!databaseUrl) {
      throw new Error('DATABASE_URL is not set: start Evident with `npm start` or `npm run dev`, which provide it.');
    }
    globalForPrisma.evidentPrisma = createPrismaClient(databaseUrl);
  }
  return globalForPrisma.evidentPrisma;
}

export type { PrismaClient };
