// A bank signs a day's statement off (POST …/days/{date}/sign-off; spec §11.2): agreed, or disputed
// with objections, with the bank's own key. Evident receives only the signature, and accepts it when
// it is canonical and recovers to the bank's registered sign-off address over the statement, both
// sides, the bank's party, its decision and the SHA-256 of its objections. A sign-off is final: once
// per bank, never replaced. When the second bank signs, Evident countersigns with its issuer key
// (party 2, agreed: it attests that the statement is the one it computed; the banks decide) and the
// statement becomes agreed, or disputed if either bank disputed. The statement row is locked while a
// sign-off is written, so two banks signing at once still end with exactly one countersignature.
import { chainAuditOutboxAfterCommit, enqueueAuditEntries, type AuditEvent } from '../audit/append-audit-entry';
import { authorize } from '../auth/authorize';
import { auditActorOf, type ApiKeyViewer, type StaffViewer, type Viewer } from '../auth/viewer';
import type { Issuer } from '../certificates/load-issuer';
import type { PrismaClient } from '../db/client';
import { runQuery, sql } from '../db/sql';
import { firstIssueMessage } from '../http/parse-query';
import { InvalidRequestError, SignOffKeyNotRegisteredError, StatementAlreadySignedOffError } from '../errors';
import { toHex } from '../proof/hex';
import { hashObjections } from './hash-objections';
import { verifyStatementSigner } from './recover-statement-signer';
import { signOffBodySchema, type SignOffBody, type StatementView } from './reconciliation-schemas';
import { statementViewOf } from './reconciliation-views';
import { signStatementSignOff } from './sign-statement-sign-off';
import { loadSignOffContext } from './sign-off-context';
import { NO_OBJECTIONS, type StatementSignOff } from './statement-typed-data';

/** A sign-off body is a few hundred bytes; objections are at most 4,000 characters. */
export const SIGN_OFF_BODY_MAX_BYTES = 16 * 1024;

/** The POST body: UTF-8 JSON as signOffBodySchema says, else 400 naming what is wrong. */
export function parseSignOffBody(bytes: Uint8Array): SignOffBody {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new InvalidRequestError('The body must be UTF-8 JSON: {"decision": "agreed" | "disputed", "objections"?: "…", "signature": "0x…"}.');
  }
  const parsed = signOffBodySchema.safeParse(json);
  if (!parsed.success) throw new InvalidRequestError(firstIssueMessage(parsed.error, 'is not a member of a sign-off'));
  return parsed.data;
}

export async function signOffStatement({
  prisma,
  viewer,
  pairId,
  businessDate,
  body,
  issuer,
  now = () => new Date(),
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  pairId: string;
  businessDate: string;
  body: SignOffBody;
  issuer: Issuer;
  now?: () => Date;
}): Promise<StatementView> {
  authorize(viewer, 'reconciliation.submit');
  const member = viewer as StaffViewer | ApiKeyViewer;
  const context = await loadSignOffContext({ prisma, viewer: member, pairId, businessDate });
  const { pair, bank, common } = context;
  if (context.statement.signOffs.some((signOff) => signOff.party === bank)) throw new StatementAlreadySignedOffError(context.businessDate, bank);

  const { decision, objections = null } = body;
  if (decision === 'disputed' && (objections === null || objections.trim() === '')) {
    throw new InvalidRequestError('objections: a dispute states its objections (1 to 4,000 characters); they are signed as written.');
  }
  if (decision === 'agreed' && objections !== null) throw new InvalidRequestError('objections: only a dispute has objections; leave them out when agreeing.');
  const organization = await prisma.organization.findUniqueOrThrow({ where: { id: member.organizationId } });
  if (!organization.signOffAddress) throw new SignOffKeyNotRegisteredError(organization.name);

  const objectionsHash = objections === null ? NO_OBJECTIONS : hashObjections(objections);
  const signOff: StatementSignOff = { ...common, party: bank === 'A' ? 'bank-a' : 'bank-b', decision, objectionsHash };
  const signature = body.signature.toLowerCase();
  verifyStatementSigner(signOff, signature, organization.signOffAddress);

  const actor = auditActorOf(viewer);
  const view = await prisma.$transaction(async (tx) => {
    await runQuery(tx, sql`SELECT id FROM reconciliation_statement WHERE id = ${context.statement.id}::uuid FOR UPDATE`);
    const before = await tx.reconciliationSignOff.findMany({ where: { statementId: context.statement.id } });
    if (before.some((existing) => existing.party === bank)) throw new StatementAlreadySignedOffError(context.businessDate, bank);
    const signedAt = now();
    const domain = { chainId: common.chainId, contractAddress: common.contract };
    await tx.reconciliationSignOff.create({
      data: {
        statementId: context.statement.id,
        party: bank,
        decision,
        objections,
        objectionsHash: objectionsHash as Uint8Array<ArrayBuffer>,
        signer: organization.signOffAddress!,
        signature,
        ...domain,
        signedAt,
        signedBy: actor.label,
      },
    });
    const audit: AuditEvent[] = [
      {
        actor,
        action: 'reconciliation.sign_off',
        targetType: 'reconciliation_statement',
        targetId: context.statement.id,
        details: { pairId: pair.id, businessDate: context.businessDate, bank, decision, objectionsHash: toHex(objectionsHash), signer: organization.signOffAddress },
      },
    ];
    const banksSigned = new Set([...before.map((existing) => existing.party), bank]);
    if (banksSigned.has('A') && banksSigned.has('B')) {
      const countersignature = await signStatementSignOff(issuer.wallet, { ...common, party: 'evident', decision: 'agreed', objectionsHash: NO_OBJECTIONS });
      await tx.reconciliationSignOff.create({
        data: {
          statementId: context.statement.id,
          party: 'evident',
          decision: 'agreed',
          objections: null,
          objectionsHash: NO_OBJECTIONS as Uint8Array<ArrayBuffer>,
          signer: issuer.address,
          signature: countersignature,
          ...domain,
          signedAt,
          signedBy: issuer.name,
        },
      });
      const disputed = decision === 'disputed' || before.some((existing) => existing.decision === 'disputed');
      const status = disputed ? 'disputed' : 'agreed';
      await tx.reconciliationStatement.update({ where: { id: context.statement.id }, data: { status } });
      audit.push({
        actor,
        action: 'reconciliation.countersign',
        targetType: 'reconciliation_statement',
        targetId: context.statement.id,
        details: { pairId: pair.id, businessDate: context.businessDate, bank, decision: status, objectionsHash: toHex(NO_OBJECTIONS), signer: issuer.address },
      });
    }
    await enqueueAuditEntries(tx, audit);
    const statement = await tx.reconciliationStatement.findUniqueOrThrow({ where: { id: context.statement.id }, include: { signOffs: true } });
    return statementViewOf(statement, statement.signOffs);
  });
  await chainAuditOutboxAfterCommit(prisma);
  return view;
}
