// Operator command: revoke a certificate issued in error.
//   npm run certificate:revoke -- EVD-XXXX-XXXX-XXXX-XXXX --reason "issued for the wrong borrower"
// Uses DATABASE_URL, or the embedded database of a running `npm start` in DATA_DIR.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../lib/config';
import { createPrismaClient } from '../lib/db/client';
import { revokeCertificate } from '../lib/certificates/revoke-certificate';
import { DomainError } from '../lib/errors';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { reason: { type: 'string' } } });
  if (positionals.length !== 1 || !values.reason) {
    console.error('usage: npm run certificate:revoke -- <serial> --reason "<why>"');
    return 2;
  }
  const config = loadConfig();
  const databaseUrl =
    config.databaseUrl ??
    `postgresql://postgres:${encodeURIComponent((await readFile(path.join(config.dataDir, 'pg-password'), 'utf8')).trim())}` +
      `@127.0.0.1:${config.embeddedPostgresPort}/evident`;
  const prisma = createPrismaClient(databaseUrl);
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
