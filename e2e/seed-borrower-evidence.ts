// e2e fixture: evidence naming a demo borrower, submitted in a demo lender's name, written straight
// into the e2e platform's database (as the lender's ingest would, under the ingest lock) so the
// borrower portal spec does not depend on the upload form. Prints the new evidence id as JSON.
//   tsx e2e/seed-borrower-evidence.ts --lender lender-a@evident.demo --borrower borrower-1@evident.demo --title "…" --loan L-1
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../lib/config';
import { createPrismaClient } from '../lib/db/client';
import { INGEST_LOCK_KEY } from '../lib/db/locks';
import { operatorDatabaseUrl } from '../lib/db/operator-database-url';

const { values } = parseArgs({
  options: { lender: { type: 'string' }, borrower: { type: 'string' }, title: { type: 'string' }, loan: { type: 'string' } },
});

const prisma = createPrismaClient(await operatorDatabaseUrl(loadConfig()));
try {
  const lender = await prisma.user.findUniqueOrThrow({ where: { email: values.lender! }, select: { organizationId: true } });
  const borrower = await prisma.user.findUniqueOrThrow({ where: { email: values.borrower! }, select: { borrowerId: true } });
  const id = randomUUID();
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${INGEST_LOCK_KEY}::bigint)`;
    await tx.evidence.create({
      data: {
        id,
        sha256: randomBytes(32),
        salt: randomBytes(32),
        fileName: `${values.loan}.pdf`,
        mediaType: 'application/pdf',
        size: 1024n,
        kind: 'hash',
        organizationId: lender.organizationId,
        evidenceType: 'loan_contract',
        loanReference: values.loan ?? null,
        title: values.title ?? null,
        borrowerId: borrower.borrowerId,
      },
    });
  });
  console.log(JSON.stringify({ id }));
} finally {
  await prisma.$disconnect();
}
