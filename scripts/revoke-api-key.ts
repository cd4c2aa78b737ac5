// Operator command: revoke an API key by its prefix (the 8 characters after `evk_`). Requests with
// it are refused (401) from now on.
//   npx tsx scripts/revoke-api-key.ts <prefix>
import { revokeApiKey } from '../lib/auth/revoke-api-key';
import { ConfigError, loadConfig } from '../lib/config';
import { createPrismaClient } from '../lib/db/client';
import { operatorDatabaseUrl } from '../lib/db/operator-database-url';
import { DomainError } from '../lib/errors';

async function main(): Promise<number> {
  const prefix = process.argv[2];
  if (!prefix || process.argv.length !== 3) {
    console.error('usage: npx tsx scripts/revoke-api-key.ts <prefix>');
    return 2;
  }
  const prisma = createPrismaClient(await operatorDatabaseUrl(loadConfig()));
  try {
    const apiKey = await revokeApiKey({ prisma, prefix });
    console.log(`revoked API key ${apiKey.prefix} (${JSON.stringify(apiKey.name)}) at ${apiKey.revokedAt!.toISOString()}`);
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
