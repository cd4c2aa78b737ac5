// Test fixture for the case integration tests: the real platform with the demo consortium, viewers
// for its accounts, and evidence stored, recorded, attributed to a lender and a borrower, and anchored.
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { loadUserViewer } from '../auth/load-user-viewer';
import type { BorrowerViewer, StaffViewer } from '../auth/viewer';
import { sealAllPendingEvidence } from '../batches/seal-all-pending-evidence';
import { loadIssuer, type Issuer } from '../certificates/load-issuer';
import { recordEvidence } from '../evidence/record-evidence';
import { storeStream } from '../storage/store-stream';
import { anchorUntilFinal } from '../testing/anchor-until-final';
import { startTestServices, type TestServices } from '../testing/start-test-services';

export interface CaseFixture {
  services: TestServices;
  issuer: Issuer;
  staff(email: string): Promise<StaffViewer>;
  borrower(email: string): Promise<BorrowerViewer>;
  borrowerId(email: string): Promise<string>;
  commissionId(): Promise<string>;
  /** Stores a file and records it as the lender's evidence naming the borrower (still pending). */
  addEvidence(options: { lender: StaffViewer; borrowerId: string; title?: string; content?: string }): Promise<{ id: string; storageKey: string }>;
  /** Seals everything pending into a batch and anchors it on the local chain. */
  anchorAll(): Promise<void>;
  stop(): Promise<void>;
}

export async function startCaseFixture(): Promise<CaseFixture> {
  const services = await startTestServices({ SEED_DEMO: 'true' });
  const { prisma } = services;
  const issuer = await loadIssuer(services.config);
  return {
    services,
    issuer,
    async staff(email) {
      const viewer = await loadUserViewer({ prisma, user: { email }, ipAddress: '127.0.0.1' });
      if (viewer?.kind !== 'staff') throw new Error(`${email} is not a staff account`);
      return viewer;
    },
    async borrower(email) {
      const viewer = await loadUserViewer({ prisma, user: { email }, ipAddress: '127.0.0.1' });
      if (viewer?.kind !== 'borrower') throw new Error(`${email} is not a borrower account`);
      return viewer;
    },
    async borrowerId(email) {
      return (await prisma.borrower.findUniqueOrThrow({ where: { email } })).id;
    },
    async commissionId() {
      return (await prisma.organization.findFirstOrThrow({ where: { type: 'arbitration_commission' } })).id;
    },
    async addEvidence({ lender, borrowerId, title = 'Loan contract', content = `contract ${randomUUID()}` }) {
      const bytes = Buffer.from(content);
      const stored = await storeStream({ storageDir: services.config.storageDir, source: Readable.from([bytes]), maxBytes: 1 << 20 });
      const recorded = await recordEvidence({
        prisma,
        sha256: stored.sha256,
        size: stored.size,
        storageKey: stored.storageKey,
        fileName: `${title}.txt`,
        mediaType: 'text/plain',
        organizationId: lender.organizationId,
        evidenceType: 'loan_contract',
      });
      await prisma.evidence.update({ where: { id: recorded.id }, data: { borrowerId, title, submittedByUserId: lender.userId } });
      if (createHash('sha256').update(bytes).digest('hex') !== stored.storageKey) throw new Error('storage key is not the SHA-256');
      return { id: recorded.id, storageKey: stored.storageKey };
    },
    async anchorAll() {
      await sealAllPendingEvidence({ prisma, maxLeaves: 1000 });
      const outcome = await anchorUntilFinal({ prisma, chain: services.chain, contractAddress: services.contractAddress });
      if (outcome.error) throw new Error(`anchoring failed: ${String(outcome.error)}`);
    },
    stop: () => services.stop(),
  };
}
