// Operator command: revoke a certificate issued in error.
//   npm run certificate:revoke -- EVD-XXXX-XXXX-XXXX-XXXX --reason "issued for the wrong borrower"
// Uses DATABASE_URL, or the embedded database of a running `npm start` in DATA_DIR.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../lib/config';
import { createPrismaClient } from '../lib/db/client';
import { operatorDatabaseUrl } from '../lib/db/operator-database-url';
import { revokeCertificate } from '../lib/certificates/revoke-certificate';
import { DomainError } from '../lib/errors';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { reason: { type: 'string' } } });
  if (positionals.length !== 1 || !values.reason) {
    console.error('usage: npm run certificate:revoke -- <serial> --reason "<why>"');
    return 2;
  }
  const prisma = createPrismaClient(await operatorDatabaseUrl(loadConfig()));
  try {
    const status = await revokeCertificate({ prisma, serial: positionals[0], reason: values.reason });
    console.log(`revoked ${status.serial} at ${status.revokedAt}: ${status.reason}`);
    return 0;
  } finally {
    await prisma.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof DomainError || error instanceof ConfigError ? error.message : `failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
