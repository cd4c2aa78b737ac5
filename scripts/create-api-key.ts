// Operator command: create an API key for a lender's system (creating the organization the first
// time its name is used) and print the key. The key is shown once: only its SHA-256 is stored.
//   npx tsx scripts/create-api-key.ts --organization "某某银行 Bank A" --type lender --name "loan system"
// Uses DATABASE_URL, or the embedded database of a running `npm start` in DATA_DIR. With --json it
// prints { organizationId, apiKeyId, prefix, key } for scripts.
import { parseArgs } from 'node:util';
import { createApiKey } from '../lib/auth/create-api-key';
import type { OrganizationType } from '../lib/db/generated/enums';
import { findOrCreateOrganization, ORGANIZATION_TYPES } from '../lib/organizations/find-or-create-organization';
import { operatorActor, runOperatorCommand, withOperatorDatabase } from './operator-command';

const USAGE =
  'usage: npx tsx scripts/create-api-key.ts --organization "<name>" [--type lender|arbitration_commission|regulator|operator] ' +
  '--name "<what the key is for>" [--json]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      organization: { type: 'string' },
      type: { type: 'string', default: 'lender' },
      name: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const { organization: organizationName, name } = values;
  if (!organizationName?.trim() || !name?.trim() || !ORGANIZATION_TYPES.includes(values.type as OrganizationType)) {
    console.error(USAGE);
    return 2;
  }
  return withOperatorDatabase(async (prisma) => {
    const { organization, created } = await findOrCreateOrganization({
      prisma,
      name: organizationName,
      type: values.type as OrganizationType,
    });
    const { apiKey, plaintext } = await createApiKey({ prisma, organizationId: organization.id, name: name.trim(), actor: operatorActor() });
    if (values.json) {
      console.log(JSON.stringify({ organizationId: organization.id, apiKeyId: apiKey.id, prefix: apiKey.prefix, key: plaintext }));
    } else {
      console.log(`${created ? 'created' : 'using'} organization ${JSON.stringify(organization.name)} (${organization.type}) ${organization.id}`);
      console.log(`created API key ${JSON.stringify(apiKey.name)}, prefix ${apiKey.prefix}. It is shown only now; store it safely:`);
      console.log(plaintext);
    }
    return 0;
  });
}

runOperatorCommand(main);
