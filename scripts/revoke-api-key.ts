// Operator command: revoke an API key by its prefix (the 8 characters after `evk_`). Requests with
// it are refused (401) from now on.
//   npx tsx scripts/revoke-api-key.ts <prefix>
import { revokeApiKey } from '../lib/auth/revoke-api-key';
import { operatorActor, runOperatorCommand, withOperatorDatabase } from './operator-command';

async function main(): Promise<number> {
  const prefix = process.argv[2];
  if (!prefix || process.argv.length !== 3) {
    console.error('usage: npx tsx scripts/revoke-api-key.ts <prefix>');
    return 2;
  }
  return withOperatorDatabase(async (prisma) => {
    const apiKey = await revokeApiKey({ prisma, prefix, actor: operatorActor() });
    console.log(`revoked API key ${apiKey.prefix} (${JSON.stringify(apiKey.name)}) at ${apiKey.revokedAt!.toISOString()}`);
    return 0;
  });
}

runOperatorCommand(main);
