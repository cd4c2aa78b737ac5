// Operator command: register the address of a bank's own reconciliation sign-off key (the bank keeps
// the key; Evident checks each sign-off's signature against this address), or withdraw it.
//   npm run organization:sign-off-key -- "<organization id or name>" <0x address | none>
import { setSignOffKey } from '../lib/organizations/set-sign-off-key';
import { operatorActor, runOperatorCommand, withOperatorDatabase } from './operator-command';

async function main(): Promise<number> {
  const [organization, address] = process.argv.slice(2);
  if (!organization || !address || process.argv.length !== 4) {
    console.error('usage: npm run organization:sign-off-key -- "<organization id or name>" <0x address | none>');
    return 2;
  }
  return withOperatorDatabase(async (prisma) => {
    const result = await setSignOffKey({ prisma, organization, address: address === 'none' ? null : address, actor: operatorActor() });
    console.log(`${result.name} (${result.organizationId}) signs off with ${result.signOffAddress ?? 'no key'}; was ${result.previous ?? 'no key'}`);
    return 0;
  });
}

runOperatorCommand(main);
