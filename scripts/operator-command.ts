// Shared frame of the operator commands (create/revoke API keys, revoke certificates): open the
// platform's database, run, close it, and turn errors into a message and an exit code.
import { ConfigError, loadConfig } from '../lib/config';
import { createPrismaClient, type PrismaClient } from '../lib/db/client';
import { operatorDatabaseUrl } from '../lib/db/operator-database-url';
import { DomainError } from '../lib/errors';
import type { AuditActor } from '../lib/audit/append-audit-entry';
import { userInfo } from 'node:os';

export async function withOperatorDatabase<T>(work: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const prisma = createPrismaClient(await operatorDatabaseUrl(loadConfig()));
  try {
    return await work(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

export function runOperatorCommand(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof DomainError || error instanceof ConfigError ? error.message : `failed: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}

/** How the audit log names an operator acting from the command line: the OS user on this host. */
export function operatorActor(): AuditActor {
  return { userId: null, label: `operator-cli:${userInfo().username}`, organizationId: null, ipAddress: null };
}
