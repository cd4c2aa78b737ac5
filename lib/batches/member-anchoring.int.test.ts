// Per-lender anchoring on real parts (embedded PostgreSQL, anvil, the anchor contract): each
// organization's evidence is sealed into batches of its own; a lender set to its own consortium
// member key anchors them with that key, the others through the operator's; a lender whose key is
// missing, or not a member, waits without holding anyone else up, and anchors once that is mended.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/append-audit-entry';
import { anonymousViewer, type StaffViewer } from '../auth/viewer';
import { issueCertificate } from '../certificates/issue-certificate';
import { loadIssuer } from '../certificates/load-issuer';
import { createAnchorLookup } from '../proof/create-anchor-lookup';
import { readLastRoot } from '../chain/read-last-root';
import { LOCAL_CHAIN_DEV_PRIVATE_KEY, LOCAL_CHAIN_MEMBER_PRIVATE_KEY } from '../chain/start-local-chain';
import { recordEvidence } from '../evidence/record-evidence';
import { toHex } from '../proof/hex';
import { checkHealth } from '../health/check-health';
import { findOrCreateOrganization } from '../organizations/find-or-create-organization';
import { setAnchorMember } from '../organizations/set-anchor-member';
import { anchorUntilFinal, TEST_ANCHORING } from '../testing/anchor-until-final';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { verifyCertificate } from '../proof/verify-certificate';
import { advanceAnchoring } from './advance-anchoring';
import { sealAllPendingEvidence } from './seal-all-pending-evidence';

const OPERATOR = new Wallet(LOCAL_CHAIN_DEV_PRIVATE_KEY).address.toLowerCase();
const LENDER_MEMBER = new Wallet(LOCAL_CHAIN_MEMBER_PRIVATE_KEY).address.toLowerCase();

function staff(organizationType: StaffViewer['organizationType']): StaffViewer {
  return {
    kind: 'staff',
    userId: randomUUID(),
    email: `${organizationType}@example.test`,
    name: organizationType,
    role: 'member',
    organizationId: randomUUID(),
    organizationType,
    organizationName: organizationType,
    ipAddress: null,
  };
}
const REGULATOR = staff('regulator');
const LENDER_STAFF = staff('lender');

let services: TestServices;

beforeAll(async () => {
  services = await startTestServices();
});

afterAll(async () => {
  await services?.stop();
});

async function lender(name: string, memberAddress: string | null = null): Promise<string> {
  const { organization } = await findOrCreateOrganization({ prisma: services.prisma, name, type: 'lender' });
  await setAnchorMember({ prisma: services.prisma, organization: organization.id, memberAddress, actor: SYSTEM_ACTOR });
  return organization.id;
}

async function submit(organizationId: string) {
  const content = randomBytes(32);
  const evidence = await recordEvidence({
    prisma: services.prisma,
    sha256: new Uint8Array(createHash('sha256').update(content).digest()),
    size: content.length,
    storageKey: null,
    fileName: 'record.bin',
    mediaType: 'application/octet-stream',
    organizationId,
  });
  return { ...evidence, content };
}

/** Runs the state machine a few rounds; returns the batches' states afterwards. */
async function advance(chain = services.chain, rounds = 8) {
  for (let i = 0; i < rounds; i++) {
    const progress = await advanceAnchoring({
      prisma: services.prisma,
      chain: chain.anchorChain,
      keys: { operator: chain.signer, members: chain.memberSigners },
      settings: { ...TEST_ANCHORING, contractAddress: services.contractAddress },
    });
    expect(progress.error).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('anchoring per lender', () => {
  it('seals each lender apart and anchors with its own member key or the operator’s, chained per member', async () => {
    const ownKey = await lender('Bank With Its Own Key', LENDER_MEMBER);
    const viaOperator = await lender('Bank Through The Operator');
    // Interleaved, so neither lender's batch covers a gap-free sequence range.
    const items = [];
    for (let i = 0; i < 3; i++) items.push(await submit(ownKey), await submit(viaOperator));

    const sealed = await sealAllPendingEvidence({ prisma: services.prisma, maxLeaves: 1000 });
    expect(sealed.map((b) => [b.organizationId, b.leafCount]).sort()).toEqual([[ownKey, 3], [viaOperator, 3]].sort());
    await anchorUntilFinal({ prisma: services.prisma, chain: services.chain, contractAddress: services.contractAddress });

    const batches = await services.prisma.batch.findMany({ where: { id: { in: sealed.map((b) => b.id) } } });
    const submitterOf = new Map(batches.map((b) => [b.organizationId, b.anchorSubmitter]));
    expect(submitterOf.get(ownKey)).toBe(LENDER_MEMBER);
    expect(submitterOf.get(viaOperator)).toBe(OPERATOR);
    const ownBatch = batches.find((b) => b.organizationId === ownKey)!;
    expect(toHex(await readLastRoot(services.chain, services.contractAddress, LENDER_MEMBER))).toBe(toHex(ownBatch.root));

    // Every item verifies against the chain, and its certificate names the member that anchored it.
    const issuer = await loadIssuer(services.config);
    const lookup = createAnchorLookup({ rpcUrl: services.chainRpcUrl });
    for (const item of items) {
      const certificate = await issueCertificate({ prisma: services.prisma, evidenceId: item.id, issuer });
      expect(certificate.anchor.submitter).toBe(items.indexOf(item) % 2 === 0 ? LENDER_MEMBER : OPERATOR);
      expect(certificate.proof.treeSize).toBe(3);
      const report = await verifyCertificate({
        certificate,
        fileSha256: new Uint8Array(createHash('sha256').update(item.content).digest()),
        chain: lookup,
        trustedIssuers: [issuer.address],
      });
      expect(report.valid, JSON.stringify(report.checks)).toBe(true);
    }

    // The member's next batch names its previous root: the contract's chain per member.
    await submit(ownKey);
    const [next] = await sealAllPendingEvidence({ prisma: services.prisma, maxLeaves: 1000 });
    await anchorUntilFinal({ prisma: services.prisma, chain: services.chain, contractAddress: services.contractAddress });
    const nextBatch = await services.prisma.batch.findUniqueOrThrow({ where: { id: next.id } });
    expect(nextBatch.anchorSubmitter).toBe(LENDER_MEMBER);
    expect(toHex(nextBatch.previousRoot!)).toBe(toHex(ownBatch.root));
  });

  it('holds a lender whose key is missing or not a member, anchors the others, and resumes once mended', async () => {
    const stranger = new Wallet(Wallet.createRandom().privateKey);
    const missingKey = await lender('Bank Whose Key Is Missing', Wallet.createRandom().address);
    const notMember = await lender('Bank Not Yet A Member', stranger.address);
    const bystander = await lender('Bank Standing By');
    for (const organizationId of [missingKey, notMember, bystander]) await submit(organizationId);
    const sealed = await sealAllPendingEvidence({ prisma: services.prisma, maxLeaves: 1000 });
    expect(sealed).toHaveLength(3);

    // The worker holds the stranger's key, but the consortium has not added it.
    const chain = { ...services.chain, memberSigners: [...services.chain.memberSigners, stranger.connect(services.chain.provider)] };
    await advance(chain);
    const state = async (organizationId: string) =>
      services.prisma.batch.findFirstOrThrow({ where: { organizationId, id: { in: sealed.map((b) => b.id) } } });
    expect(await state(bystander)).toMatchObject({ status: 'final', anchorSubmitter: OPERATOR });
    expect(await state(missingKey)).toMatchObject({ status: 'sealed', lastAnchorError: expect.stringMatching(/no key for consortium member 0x[0-9a-f]{40} of Bank Whose Key Is Missing: add it to MEMBER_ANCHOR_KEYS/) });
    expect(await state(notMember)).toMatchObject({ status: 'sealed', lastAnchorError: expect.stringMatching(/is not a member of the anchor contract/) });
    // The health check sees the waiting items, though a later batch is final. Anyone sees how many
    // batches wait; only the regulator (or the operator) sees whose, and why.
    const waiting = await checkHealth({ prisma: services.prisma, storageDir: services.config.storageDir, chainRpcUrl: services.chainRpcUrl, viewer: REGULATOR });
    expect(waiting.batcher.unfinishedBatches).toEqual({ sealed: 2 });
    expect(waiting.batcher.oldestUnanchoredAgeSeconds).not.toBeNull();
    expect(waiting.batcher.waitingBatches).toBe(2);
    const waitingFor = Object.fromEntries((waiting.batcher.waiting ?? []).map((w) => [w.organization, w]));
    expect(Object.keys(waitingFor).sort()).toEqual(['Bank Not Yet A Member', 'Bank Whose Key Is Missing']);
    expect(waitingFor['Bank Whose Key Is Missing']).toMatchObject({ organizationId: missingKey, batches: 1, reason: expect.stringMatching(/MEMBER_ANCHOR_KEYS/) });
    expect(waitingFor['Bank Not Yet A Member']).toMatchObject({ organizationId: notMember, batches: 1, reason: expect.stringMatching(/is not a member/) });
    for (const viewer of [anonymousViewer('198.51.100.9'), LENDER_STAFF]) {
      const publicHealth = await checkHealth({ prisma: services.prisma, storageDir: services.config.storageDir, chainRpcUrl: services.chainRpcUrl, viewer });
      expect(publicHealth.batcher).toEqual({ ...waiting.batcher, oldestUnanchoredAgeSeconds: expect.any(Number), waiting: undefined });
      expect(JSON.stringify(publicHealth)).not.toMatch(/Bank|0x[0-9a-f]{40}/);
    }

    // The operator moves one lender back to its own key, and the other to the operator's.
    await setAnchorMember({ prisma: services.prisma, organization: missingKey, memberAddress: null, actor: SYSTEM_ACTOR });
    await setAnchorMember({ prisma: services.prisma, organization: notMember, memberAddress: LENDER_MEMBER, actor: SYSTEM_ACTOR });
    await advance(chain);
    expect(await state(missingKey)).toMatchObject({ status: 'final', anchorSubmitter: OPERATOR, lastAnchorError: null });
    expect(await state(notMember)).toMatchObject({ status: 'final', anchorSubmitter: LENDER_MEMBER, lastAnchorError: null });
    const healthy = await checkHealth({ prisma: services.prisma, storageDir: services.config.storageDir, chainRpcUrl: services.chainRpcUrl, viewer: REGULATOR });
    expect(healthy.batcher).toMatchObject({ unfinishedBatches: {}, oldestUnanchoredAgeSeconds: null, waitingBatches: 0, waiting: [] });
    const changes = await services.prisma.auditEntry.findMany({ where: { action: 'organization.anchor_member_change', targetId: notMember } });
    expect(changes.map((c) => c.details)).toEqual([
      { from: null, to: stranger.address.toLowerCase() },
      { from: stranger.address.toLowerCase(), to: LENDER_MEMBER },
    ]);
  });
});
