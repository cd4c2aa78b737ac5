// The demo co-lending banks' own sign-off keys (docs/reconciliation-format.md §11.2). A real bank
// keeps its key to itself; for the demo each bank's key is made here once, registered as its sign-off
// address, and left for the demo user as an encrypted JSON keystore under the data directory, the
// file the lender portal's sign-off panel opens in the browser. Fresh random keys per installation:
// nothing secret is in the repository.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encryptKeystoreJson, Wallet } from 'ethers';
import { SYSTEM_ACTOR } from '../audit/append-audit-entry';
import type { PrismaClient } from '../db/client';
import { setSignOffKey } from '../organizations/set-sign-off-key';
import { DEMO_ORGANIZATIONS, DEMO_SIGN_OFF_KEY_PASSWORD, demoSignOffKeyFile } from './demo-consortium';

export async function seedDemoSignOffKeys({ prisma, dataDir, log }: { prisma: PrismaClient; dataDir: string; log: (line: string) => void }): Promise<void> {
  for (const [bank, key] of [['A', 'lenderA'], ['B', 'lenderB']] as const) {
    const name = DEMO_ORGANIZATIONS.find((org) => org.key === key)!.name;
    const wallet = Wallet.createRandom();
    // A light scrypt (N = 2^12) so that a browser opens the demo file in well under a second; a
    // bank's real keystore uses the default work factor.
    const keystore = await encryptKeystoreJson({ address: wallet.address, privateKey: wallet.privateKey }, DEMO_SIGN_OFF_KEY_PASSWORD, { scrypt: { N: 1 << 12 } });
    const file = demoSignOffKeyFile(dataDir, bank);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, keystore, { mode: 0o600 });
    await setSignOffKey({ prisma, organization: name, address: wallet.address, actor: SYSTEM_ACTOR });
    log(`demo bank ${bank} signs reconciliation statements off with ${wallet.address.toLowerCase()} (key file ${file}, password ${DEMO_SIGN_OFF_KEY_PASSWORD})`);
  }
}
