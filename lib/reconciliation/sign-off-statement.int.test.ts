// The banks' sign-off of a day's statement and Evident's countersignature (spec §11.2), on the real
// database and the real local chain with the demo pair's two drafted days: each bank signs with its
// own key (the demo keystore the seed left under the data directory), every wrong sign-off is a clear
// 4xx that stores nothing, and the second bank's sign-off ends with exactly one countersignature.
import { readFile } from 'node:fs/promises';
import { Contract, Signature, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushAuditOutbox } from '../audit/append-audit-entry';
import { loadUserViewer } from '../auth/load-user-viewer';
import type { StaffViewer, Viewer } from '../auth/viewer';
import { loadIssuer, type Issuer } from '../certificates/load-issuer';
import { RECONCILIATION_ANCHOR_ABI } from '../chain/reconciliation-anchor-abi';
import { DEMO_RECONCILIATION_DAYS, demoSignOffKeyFile, DEMO_SIGN_OFF_KEY_PASSWORD } from '../demo/demo-consortium';
import { DomainError } from '../errors';
import { problemResponse } from '../http/problem-response';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { escalateUnsignedStatements } from './escalate-unsigned-statements';
import { getReconciliationDay } from './get-reconciliation-day';
import { getSignOffRequest } from './get-sign-off-request';
import { hashObjections } from './hash-objections';
import { recoverStatementSigner } from './recover-statement-signer';
import { loadSignOffContext } from './sign-off-context';
import { parseSignOffBody, signOffStatement } from './sign-off-statement';
import { signStatementSignOff } from './sign-statement-sign-off';
import { NO_OBJECTIONS, type SignOffDecision } from './statement-typed-data';

let services: TestServices;
let issuer: Issuer;
let lenderA: StaffViewer;
let lenderB: StaffViewer;
let regulator: StaffViewer;
let arbitrator: StaffViewer;
let keyA: Wallet;
let keyB: Wallet;
let pairId: string;
const [day1, day2] = DEMO_RECONCILIATION_DAYS;
const OBJECTIONS = '借据 JJ0420000000007 的还款我行记在 2026-11-03。Row 7 is a repayment we booked on 2026-11-03.';

beforeAll(async () => {
  services = await startTestServices({ SEED_DEMO: 'true' });
  issuer = await loadIssuer(services.config);
  const staff = async (email: string) => (await loadUserViewer({ prisma: services.prisma, user: { email }, ipAddress: '203.0.113.9' })) as StaffViewer;
  [lenderA, lenderB, regulator, arbitrator] = await Promise.all(['lender-a', 'lender-b', 'regulator', 'arbitrator'].map((name) => staff(`${name}@evident.demo`)));
  const open = async (bank: 'A' | 'B') => (await Wallet.fromEncryptedJson(await readFile(demoSignOffKeyFile(services.config.dataDir, bank), 'utf8'), DEMO_SIGN_OFF_KEY_PASSWORD)) as Wallet;
  [keyA, keyB] = await Promise.all([open('A'), open('B')]);
  pairId = (await services.prisma.reconciliationPair.findFirstOrThrow()).id;
}, 120_000);

afterAll(async () => {
  await services?.stop();
});

/** What a bank's signing system does: the sign-off's values for this statement, signed with its key. */
async function sign(viewer: StaffViewer, key: Pick<Wallet, 'signTypedData'>, date: string, decision: SignOffDecision, objections?: string) {
  const { common, bank } = await loadSignOffContext({ prisma: services.prisma, viewer, pairId, businessDate: date });
  return signStatementSignOff(key, {
    ...common,
    party: bank === 'A' ? 'bank-a' : 'bank-b',
    decision,
    objectionsHash: objections === undefined ? NO_OBJECTIONS : hashObjections(objections),
  });
}

const signOff = (viewer: Viewer, date: string, body: Record<string, unknown>) =>
  signOffStatement({ prisma: services.prisma, viewer, pairId, businessDate: date, body: parseSignOffBody(new TextEncoder().encode(JSON.stringify(body))), issuer });

async function refusal(run: () => Promise<unknown>): Promise<{ status: number; detail: string }> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const response = problemResponse(error);
    return { status: response.status, detail: ((await response.json()) as { detail: string }).detail };
  }
  throw new Error('expected a refusal');
}

const signOffCount = () => services.prisma.reconciliationSignOff.count();

describe('start-up deploys the ReconciliationAnchor', () => {
  it('records it on the chain deployment, bound to the running EvidenceAnchor', async () => {
    const deployment = await services.prisma.chainDeployment.findFirstOrThrow();
    expect(deployment.reconciliationAnchorAddress).toMatch(/^0x[0-9a-f]{40}$/);
    const contract = new Contract(deployment.reconciliationAnchorAddress!, RECONCILIATION_ANCHOR_ABI, services.chain.provider);
    expect(((await contract.evidenceAnchor()) as string).toLowerCase()).toBe(deployment.contractAddress);
  });
});

describe('escalation of statements not signed off in time', () => {
  it('marks each overdue draft once, naming the banks that have not signed, and audits it', async () => {
    const statements = await services.prisma.reconciliationStatement.findMany({ orderBy: { businessDate: 'asc' } });
    const earliest = Math.min(...statements.map((s) => s.draftedAt.getTime()));
    const latest = Math.max(...statements.map((s) => s.draftedAt.getTime()));
    const hour = 3_600_000;
    expect(await escalateUnsignedStatements({ prisma: services.prisma, afterMs: 24 * hour, now: new Date(earliest + 23 * hour) })).toEqual([]);
    const escalated = await escalateUnsignedStatements({ prisma: services.prisma, afterMs: 24 * hour, now: new Date(latest + 25 * hour) });
    expect(escalated.map((day) => [day.businessDate, day.unsigned]).sort()).toEqual([
      [day1, ['A', 'B']],
      [day2, ['A', 'B']],
    ]);
    expect(await escalateUnsignedStatements({ prisma: services.prisma, afterMs: 24 * hour, now: new Date(latest + 48 * hour) })).toEqual([]);
    const day = await getReconciliationDay({ prisma: services.prisma, viewer: lenderB, pairId, businessDate: day1 });
    expect(day.statement?.escalatedAt).toBe(new Date(latest + 25 * hour).toISOString());
    await flushAuditOutbox(services.prisma);
    expect(await services.prisma.auditEntry.count({ where: { action: 'reconciliation.escalate' } })).toBe(2);
  });
});

describe('what a bank signs', () => {
  it('gives each bank its typed data over the drafted statement, with its registered address', async () => {
    const request = await getSignOffRequest({ prisma: services.prisma, viewer: lenderA, pairId, businessDate: day1 });
    const deployment = await services.prisma.chainDeployment.findFirstOrThrow();
    expect(request).toMatchObject({ party: 'A', signerAddress: keyA.address.toLowerCase(), statement: { status: 'draft' }, signOffs: [] });
    expect(request.typedData.domain).toEqual({
      name: 'Evident Reconciliation',
      version: '1',
      chainId: deployment.chainId.toString(),
      verifyingContract: deployment.reconciliationAnchorAddress,
    });
    expect(request.typedData.message).toMatchObject({ party: 0, decision: null, objectionsHash: null, statementHash: request.statement.sha256 });
    // The pair's id on chain is its UUID's 16 bytes, then 16 zero bytes.
    expect(request.typedData.message.pairId).toBe(`0x${pairId.replaceAll('-', '')}${'00'.repeat(16)}`);
    // Signing that typed data with the decision filled in is exactly a valid sign-off.
    const message = { ...request.typedData.message, decision: request.decisionValues.agreed, objectionsHash: `0x${'00'.repeat(32)}` };
    const signature = await keyA.signTypedData({ ...request.typedData.domain, chainId: BigInt(request.typedData.domain.chainId) }, request.typedData.types, message);
    expect(signature.toLowerCase()).toBe(await sign(lenderA, keyA, day1, 'agreed'));
    expect((await getSignOffRequest({ prisma: services.prisma, viewer: lenderB, pairId, businessDate: day1 })).party).toBe('B');
  });
});

describe('refusals store nothing', () => {
  it('each wrong sign-off is a clear 4xx', async () => {
    const good = await sign(lenderA, keyA, day1, 'agreed');
    const byOtherKey = await sign(lenderA, Wallet.createRandom(), day1, 'agreed');
    const highS = (() => {
      const parsed = Signature.from(good);
      const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
      const s = (n - BigInt(parsed.s)).toString(16).padStart(64, '0');
      return `${good.slice(0, 66)}${s}${parsed.v === 27 ? '1c' : '1b'}`;
    })();
    const cases: Array<[string, () => Promise<unknown>, number, RegExp]> = [
      ['a dispute without objections', () => signOff(lenderA, day1, { decision: 'disputed', signature: good }), 400, /a dispute states its objections/],
      ['objections with an agreement', () => signOff(lenderA, day1, { decision: 'agreed', objections: 'x', signature: good }), 400, /only a dispute has objections/],
      ['not JSON', () => signOffStatement({ prisma: services.prisma, viewer: lenderA, pairId, businessDate: day1, body: parseSignOffBody(new TextEncoder().encode('{')), issuer }), 400, /must be UTF-8 JSON/],
      ['an unknown member', () => signOff(lenderA, day1, { decision: 'agreed', signature: good, bank: 'B' }), 400, /bank: is not a member/],
      ['another key', () => signOff(lenderA, day1, { decision: 'agreed', signature: byOtherKey }), 422, /not by 0x/],
      ['a signature over the other decision', () => signOff(lenderA, day1, { decision: 'disputed', objections: OBJECTIONS, signature: good }), 422, /not by 0x/],
      ['the high-s twin', () => signOff(lenderA, day1, { decision: 'agreed', signature: highS }), 422, /low-s form/],
      ["bank A's signature sent by bank B", () => signOff(lenderB, day1, { decision: 'agreed', signature: good }), 422, /not by 0x/],
      ['a day with nothing committed', () => signOff(lenderA, '2026-11-20', { decision: 'agreed', signature: good }), 404, /Nothing is committed/],
      ['the regulator', () => signOff(regulator, day1, { decision: 'agreed', signature: good }), 403, /banks of a co-lending pair/],
      ['the arbitrator', () => signOff(arbitrator, day1, { decision: 'agreed', signature: good }), 403, /banks of a co-lending pair/],
    ];
    for (const [name, run, status, detail] of cases) {
      const answer = await refusal(run);
      expect(answer.status, name).toBe(status);
      expect(answer.detail, name).toMatch(detail);
    }
    expect(await signOffCount()).toBe(0);
  });

  it('a bank without a registered key cannot sign off', async () => {
    const organization = await services.prisma.organization.findUniqueOrThrow({ where: { id: lenderA.organizationId } });
    await services.prisma.organization.update({ where: { id: organization.id }, data: { signOffAddress: null } });
    try {
      const answer = await refusal(async () => signOff(lenderA, day1, { decision: 'agreed', signature: await sign(lenderA, keyA, day1, 'agreed') }));
      expect(answer).toMatchObject({ status: 409, detail: expect.stringMatching(/has no registered sign-off key/) });
    } finally {
      await services.prisma.organization.update({ where: { id: organization.id }, data: { signOffAddress: organization.signOffAddress } });
    }
    expect(await signOffCount()).toBe(0);
  });
});

describe('both banks sign; Evident countersigns', () => {
  it('A agrees, B disputes with objections: disputed, countersigned once, audited; a second sign-off is 409', async () => {
    const afterA = await signOff(lenderA, day1, { decision: 'agreed', signature: await sign(lenderA, keyA, day1, 'agreed') });
    expect(afterA.status).toBe('draft');
    expect(afterA.signOffs.map((s) => [s.party, s.decision, s.signer])).toEqual([['A', 'agreed', keyA.address.toLowerCase()]]);

    const again = await refusal(async () => signOff(lenderA, day1, { decision: 'agreed', signature: await sign(lenderA, keyA, day1, 'agreed') }));
    expect(again).toMatchObject({ status: 409, detail: expect.stringMatching(/already signed off/) });

    const afterB = await signOff(lenderB, day1, { decision: 'disputed', objections: OBJECTIONS, signature: await sign(lenderB, keyB, day1, 'disputed', OBJECTIONS) });
    expect(afterB.status).toBe('disputed');
    expect(afterB.signOffs.map((s) => s.party)).toEqual(['A', 'B', 'evident']);
    const [a, b, evident] = afterB.signOffs;
    expect(b).toMatchObject({ decision: 'disputed', objections: OBJECTIONS, signer: keyB.address.toLowerCase() });
    expect(b.objectionsHash).toBe(`0x${Buffer.from(hashObjections(OBJECTIONS)).toString('hex')}`);
    expect(evident).toMatchObject({ decision: 'agreed', objections: null, signer: issuer.address });
    // Every stored signature recovers to its signer over the statement, both sides and its own values.
    const { common } = await loadSignOffContext({ prisma: services.prisma, viewer: lenderA, pairId, businessDate: day1 });
    const party = { A: 'bank-a', B: 'bank-b', evident: 'evident' } as const;
    for (const s of [a, b, evident]) {
      const recovered = recoverStatementSigner({ ...common, party: party[s.party], decision: s.decision, objectionsHash: Buffer.from(s.objectionsHash.slice(2), 'hex') }, s.signature);
      expect(recovered, s.party).toBe(s.signer);
    }

    await flushAuditOutbox(services.prisma);
    const audit = await services.prisma.auditEntry.findMany({ where: { action: { in: ['reconciliation.sign_off', 'reconciliation.countersign'] } }, orderBy: { sequence: 'asc' } });
    expect(audit.map((entry) => [entry.action, (entry.details as { bank: string; decision: string }).decision])).toEqual([
      ['reconciliation.sign_off', 'agreed'],
      ['reconciliation.sign_off', 'disputed'],
      ['reconciliation.countersign', 'disputed'],
    ]);
  });

  it('both banks agreeing at the same moment: agreed, exactly one countersignature', async () => {
    const [signatureA, signatureB] = await Promise.all([sign(lenderA, keyA, day2, 'agreed'), sign(lenderB, keyB, day2, 'agreed')]);
    await Promise.all([signOff(lenderA, day2, { decision: 'agreed', signature: signatureA }), signOff(lenderB, day2, { decision: 'agreed', signature: signatureB })]);
    const statement = await services.prisma.reconciliationStatement.findFirstOrThrow({ where: { businessDate: day2 }, include: { signOffs: true } });
    expect(statement.status).toBe('agreed');
    expect(statement.signOffs.map((s) => s.party).sort()).toEqual(['A', 'B', 'evident']);
  });
});
