// The authorization matrix at the service layer, where every server action and route handler ends:
// each role (lender A, lender B, arbitrator, borrower 1 and 2, regulator, anonymous) against every
// read and write. A cross-tenant read is "not found"; a refused write changes nothing, which the test
// proves by re-reading the database. The HTTP face of the same matrix is e2e/authorization-matrix.spec.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from './create-api-key';
import { listApiKeys } from './list-api-keys';
import { revokeApiKey } from './revoke-api-key';
import { anonymousViewer, auditActorOf, type StaffViewer, type Viewer } from './viewer';
import { startCaseFixture, type CaseFixture } from '../cases/case-test-fixture';
import { changeCaseStatus } from '../cases/change-case-status';
import { fileCase } from '../cases/file-case';
import { getCase } from '../cases/get-case';
import { getVerificationReport } from '../cases/get-verification-report';
import { listCases } from '../cases/list-cases';
import { openEvidenceOriginal } from '../cases/open-evidence-original';
import { verifyCaseEvidence } from '../cases/verify-case-evidence';
import { DomainError } from '../errors';

type Outcome = 'ok' | 'unauthorized' | 'forbidden' | 'not-found' | 'invalid';
type Role = 'lenderA' | 'lenderB' | 'arbitrator' | 'borrower1' | 'borrower2' | 'regulator' | 'anonymous';
const ROLES: Role[] = ['lenderA', 'lenderB', 'arbitrator', 'borrower1', 'borrower2', 'regulator', 'anonymous'];

let f: CaseFixture;
const viewers = {} as Record<Role, Viewer>;
let evidenceId: string;
let caseId: string;
let reportId: string;
let apiKeyPrefix: string;

function outcomeOf(error: unknown): Outcome {
  if (!(error instanceof DomainError)) throw error;
  if (error.code === 'unauthorized') return 'unauthorized';
  if (error.code === 'forbidden') return 'forbidden';
  if (error.code.endsWith('-not-found')) return 'not-found';
  return 'invalid';
}

async function attempt(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return outcomeOf(error);
  }
}

beforeAll(async () => {
  f = await startCaseFixture();
  const [lenderA, lenderB, arbitrator, regulator] = await Promise.all(
    ['lender-a', 'lender-b', 'arbitrator', 'regulator'].map((name) => f.staff(`${name}@evident.demo`)),
  );
  Object.assign(viewers, {
    lenderA,
    lenderB,
    arbitrator,
    regulator,
    borrower1: await f.borrower('borrower-1@evident.demo'),
    borrower2: await f.borrower('borrower-2@evident.demo'),
    anonymous: anonymousViewer('127.0.0.1'),
  });
  const borrower1 = await f.borrowerId('borrower-1@evident.demo');
  ({ id: evidenceId } = await f.addEvidence({ lender: lenderA, borrowerId: borrower1 }));
  await f.anchorAll();
  ({ id: caseId } = await fileCase({
    prisma: f.services.prisma,
    viewer: lenderA,
    borrowerIdSalt: f.services.secrets.borrowerIdSalt,
    input: { commissionOrganizationId: await f.commissionId(), borrowerId: borrower1, title: 'Matrix case', evidenceIds: [evidenceId] },
  }));
  ({ reportId } = await verifyCaseEvidence({
    prisma: f.services.prisma,
    viewer: arbitrator,
    caseId,
    issuer: f.issuer,
    chainRpcUrl: f.services.chainRpcUrl,
    storageDir: f.services.config.storageDir,
  }));
  ({ apiKey: { prefix: apiKeyPrefix } } = await createApiKey({
    prisma: f.services.prisma,
    organizationId: lenderA.organizationId,
    name: 'core loan system',
    actor: auditActorOf(lenderA),
  }));
}, 180_000);

afterAll(async () => {
  await f?.stop();
});

interface Read {
  name: string;
  run: (viewer: Viewer) => Promise<unknown>;
  expected: Record<Role, Outcome>;
}

const READS: Read[] = [
  {
    name: 'open the case',
    run: (viewer) => getCase({ prisma: f.services.prisma, viewer, caseId }),
    expected: { lenderA: 'ok', lenderB: 'not-found', arbitrator: 'ok', borrower1: 'ok', borrower2: 'not-found', regulator: 'forbidden', anonymous: 'unauthorized' },
  },
  {
    name: 'read the verification report',
    run: (viewer) => getVerificationReport({ prisma: f.services.prisma, viewer, caseId, reportId }),
    expected: { lenderA: 'ok', lenderB: 'not-found', arbitrator: 'ok', borrower1: 'ok', borrower2: 'not-found', regulator: 'forbidden', anonymous: 'unauthorized' },
  },
  {
    name: 'download the original file',
    run: async (viewer) => {
      const original = await openEvidenceOriginal({ prisma: f.services.prisma, viewer, evidenceId, storageDir: f.services.config.storageDir });
      original.stream.destroy();
    },
    expected: { lenderA: 'ok', lenderB: 'not-found', arbitrator: 'ok', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized' },
  },
  {
    name: 'list API keys',
    run: (viewer) => listApiKeys({ prisma: f.services.prisma, viewer }),
    expected: { lenderA: 'ok', lenderB: 'ok', arbitrator: 'forbidden', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized' },
  },
];

describe('reads', () => {
  for (const read of READS) {
    for (const role of ROLES) {
      it(`${role}: ${read.name} → ${read.expected[role]}`, async () => {
        expect(await attempt(() => read.run(viewers[role]))).toBe(read.expected[role]);
      });
    }
  }

  it('lists show each role only its own cases and keys', async () => {
    const seen = async (role: Role) =>
      (await attempt(() => listCases({ prisma: f.services.prisma, viewer: viewers[role] }))) === 'ok'
        ? (await listCases({ prisma: f.services.prisma, viewer: viewers[role] })).cases.map((c) => c.id)
        : null;
    expect(await seen('lenderA')).toEqual([caseId]);
    expect(await seen('arbitrator')).toEqual([caseId]);
    expect(await seen('borrower1')).toEqual([caseId]);
    expect(await seen('lenderB')).toEqual([]);
    expect(await seen('borrower2')).toEqual([]);
    expect(await seen('regulator')).toBeNull();
    expect((await listApiKeys({ prisma: f.services.prisma, viewer: viewers.lenderB })).map((k) => k.prefix)).not.toContain(apiKeyPrefix);
  });
});

interface Write {
  name: string;
  run: (viewer: Viewer) => Promise<unknown>;
  /** What the write touches, read back from the database. */
  snapshot: () => Promise<unknown>;
  /** Roles allowed to perform it; every other role must leave the snapshot unchanged. */
  expected: Record<Role, Outcome>;
}

const WRITES: Write[] = [
  {
    name: 'move the case to under review',
    run: (viewer) => changeCaseStatus({ prisma: f.services.prisma, viewer, caseId, to: 'under_review' }),
    snapshot: async () => (await f.services.prisma.arbitrationCase.findUniqueOrThrow({ where: { id: caseId } })).status,
    expected: { lenderA: 'forbidden', lenderB: 'forbidden', arbitrator: 'ok', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized' },
  },
  {
    name: 'run Verify all',
    run: (viewer) =>
      verifyCaseEvidence({
        prisma: f.services.prisma,
        viewer,
        caseId,
        issuer: f.issuer,
        chainRpcUrl: f.services.chainRpcUrl,
        storageDir: f.services.config.storageDir,
      }),
    snapshot: () => f.services.prisma.verificationReport.count({ where: { caseId } }),
    expected: { lenderA: 'forbidden', lenderB: 'forbidden', arbitrator: 'ok', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized' },
  },
  {
    name: 'file a case with lender A’s evidence',
    run: async (viewer) =>
      fileCase({
        prisma: f.services.prisma,
        viewer,
        borrowerIdSalt: f.services.secrets.borrowerIdSalt,
        input: {
          commissionOrganizationId: await f.commissionId(),
          borrowerId: await f.borrowerId('borrower-1@evident.demo'),
          title: 'Another case',
          evidenceIds: [evidenceId],
        },
      }),
    snapshot: () => f.services.prisma.arbitrationCase.count(),
    // Lender B names evidence it cannot see: refused as invalid input, nothing filed.
    expected: { lenderA: 'ok', lenderB: 'invalid', arbitrator: 'forbidden', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized' },
  },
  {
    name: 'revoke lender A’s API key',
    run: (viewer) =>
      revokeApiKey({
        prisma: f.services.prisma,
        prefix: apiKeyPrefix,
        // As the portal action does: the viewer's own organization, whatever the viewer is.
        organizationId: viewer.kind === 'staff' ? viewer.organizationId : '00000000-0000-0000-0000-000000000000',
        actor: auditActorOf(viewer),
      }),
    snapshot: async () => (await f.services.prisma.apiKey.findUniqueOrThrow({ where: { prefix: apiKeyPrefix } })).revokedAt,
    expected: { lenderA: 'ok', lenderB: 'not-found', arbitrator: 'not-found', borrower1: 'not-found', borrower2: 'not-found', regulator: 'not-found', anonymous: 'not-found' },
  },
];

describe('writes', () => {
  for (const write of WRITES) {
    // Refused roles first, so the allowed role's change cannot hide a refused one's.
    const order = [...ROLES].sort((a, b) => Number(write.expected[a] === 'ok') - Number(write.expected[b] === 'ok'));
    for (const role of order) {
      const expected = write.expected[role];
      it(`${role}: ${write.name} → ${expected}${expected === 'ok' ? '' : ', database unchanged'}`, async () => {
        const before = await write.snapshot();
        expect(await attempt(() => write.run(viewers[role]))).toBe(expected);
        const after = await write.snapshot();
        if (expected === 'ok') expect(after).not.toEqual(before);
        else expect(after).toEqual(before);
      });
    }
  }
});
