// Operator command: revoke a certificate issued in error.
//   npm run certificate:revoke -- EVD-XXXX-XXXX-XXXX-XXXX --reason "issued for the wrong borrower"
// Uses DATABASE_URL, or the embedded database of a running `npm start` in DATA_DIR.
import { parseArgs } from 'node:util';
import { revokeCertificate } from '../lib/certificates/revoke-certificate';
import { operatorActor, runOperatorCommand, withOperatorDatabase } from './operator-command';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { reason: { type: 'string' } } });
  const { reason } = values;
  if (positionals.length !== 1 || !reason) {
    console.error('usage: npm run certificate:revoke -- <serial> --reason "<why>"');
    return 2;
  }
  return withOperatorDatabase(async (prisma) => {
    const status = await revokeCertificate({ prisma, serial: positionals[0], reason, actor: operatorActor() });
    console.log(`revoked ${status.serial} at ${status.revokedAt}: ${status.reason}`);
    return 0;
  });
}

runOperatorCommand(main);
