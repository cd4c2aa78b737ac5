// Seeds the demo consortium (lib/demo/demo-consortium.ts) into a database that has no users yet,
// with the demo lenders' co-lending pair, and says so with the credentials. Runs once: any user in the database means it was seeded or is a
// real deployment.
import { randomUUID } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import type { PrismaClient } from '../db/client';
import { appendAuditEntry, SYSTEM_ACTOR } from '../audit/append-audit-entry';
import { runStatement, sql } from '../db/sql';
import { maskIdentifier } from '../borrowers/borrower-identity';
import { hashIdNumber } from '../borrowers/hash-id-number';
import { createReconciliationPair } from '../reconciliation/create-reconciliation-pair';
import { DEMO_BORROWERS, DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_RECONCILIATION_PAIR, DEMO_STAFF } from './demo-consortium';

export async function seedDemoConsortium({
  prisma,
  borrowerIdSalt,
  reconciliationKeySecret,
  lenderAnchorMember,
  log,
}: {
  prisma: PrismaClient;
  borrowerIdSalt: string;
  /** Encrypts the demo pair's key (lib/reconciliation/pair-key-encryption.ts). */
  reconciliationKeySecret: string;
  /** The member address lender A anchors its own batches with; unset: the operator's key. */
  lenderAnchorMember?: string;
  log: (line: string) => void;
}): Promise<{ seeded: boolean }> {
  if ((await prisma.user.count()) > 0) return { seeded: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const seeded = await prisma.$transaction(async (tx) => {
    // Checked again under the transaction: two processes starting together seed once.
    await runStatement(tx, sql`LOCK TABLE app_user IN EXCLUSIVE MODE`);
    if ((await tx.user.count()) > 0) return false;
    const organizationIds = new Map<string, string>();
    for (const org of DEMO_ORGANIZATIONS) {
      const existing = await tx.organization.findUnique({ where: { name: org.name } });
      const id = existing?.id ?? randomUUID();
      const anchorMemberAddress = org.key === 'lenderA' ? lenderAnchorMember : undefined;
      if (!existing) await tx.organization.create({ data: { id, name: org.name, type: org.type, anchorMemberAddress } });
      organizationIds.set(org.key, id);
    }
    const createLogin = async (user: { id: string; email: string; name: string; organizationId?: string; role?: 'admin' | 'member'; borrowerId?: string }) => {
      await tx.user.create({ data: { ...user, emailVerified: true } });
      await tx.account.create({
        data: { id: randomUUID(), accountId: user.id, providerId: 'credential', userId: user.id, password: passwordHash },
      });
    };
    for (const staff of DEMO_STAFF) {
      await createLogin({ id: randomUUID(), email: staff.email, name: staff.name, organizationId: organizationIds.get(staff.organization), role: staff.role });
    }
    for (const borrower of DEMO_BORROWERS) {
      const borrowerId = randomUUID();
      await tx.borrower.create({
        data: {
          id: borrowerId,
          name: borrower.name,
          idNumberHash: Buffer.from(hashIdNumber(borrower.idNumber, borrowerIdSalt)),
          phone: borrower.phone,
          email: borrower.email,
          identifierHint: maskIdentifier(borrower.idNumber),
        },
      });
      await createLogin({ id: randomUUID(), email: borrower.email, name: borrower.name, borrowerId });
    }
    // A generated pair key, kept encrypted: the demo banks' statements are committed by Evident (open mode).
    await createReconciliationPair({
      prisma,
      db: tx,
      settings: DEMO_RECONCILIATION_PAIR,
      lenderA: organizationIds.get('lenderA')!,
      lenderB: organizationIds.get('lenderB')!,
      keySecret: reconciliationKeySecret,
      actor: SYSTEM_ACTOR,
    });
    await appendAuditEntry(tx, { actor: SYSTEM_ACTOR, action: 'demo.seed', details: { organizations: DEMO_ORGANIZATIONS.length } });
    return true;
  });
  if (seeded) {
    log(`seeded the demo consortium; every account's password is ${DEMO_PASSWORD}`);
    for (const staff of DEMO_STAFF) log(`  ${staff.email.padEnd(26)} ${staff.organization} (${staff.role})`);
    for (const borrower of DEMO_BORROWERS) log(`  ${borrower.email.padEnd(26)} borrower ${borrower.name}, ID ${borrower.idNumber}`);
    log(`  lenderA and lenderB reconcile as the co-lending pair ${JSON.stringify(DEMO_RECONCILIATION_PAIR.name)}`);
    if (lenderAnchorMember) log(`  lenderA anchors with its own consortium member key ${lenderAnchorMember}; the others through the operator`);
    log('  (SEED_DEMO=false turns this off)');
  }
  return { seeded };
}
