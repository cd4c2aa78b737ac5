// The Prisma client for the configured database, through the pg driver adapter (Prisma 7 is
// Rust-free). One instance per process; Next.js dev reloads modules, so it lives on globalThis.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { getConfig } from '../config';

const globalForPrisma = globalThis as unknown as { evidentPrisma?: PrismaClient };

export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
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
