// Issues the reconciliation certificate of one break of a day's statement (GET …/breaks/{ordinal}/
// certificate; spec §12.3): a field mismatch is one certificate (both rows and the differing field,
// opened with the pair's salt so the tribunal sees both banks' values); an only-A or only-B break has
// two halves, the record's inclusion in the side that has it and the key's absence from the other,
// each its own certificate. A timing break of day D+1 is, for that day's sides, a key on one side only
// (what the merge-join found, §5.1), so it has the same two halves; with the only-A/only-B
// certificates of day D it closes, they are the timing evidence (§12.3). A row a tolerance rule
// absorbed has the field-mismatch certificate: both rows and a differing field opened, the statement
// naming the rule. The proof is minted from the committed side files, the attested sides
// are the sides as their signed receipts state them, and the document is stored at first issue so
// that every later download is byte for byte the same. Open to the pair's two banks. On a blind day
// Evident has no salt: the field mismatch is opened with the banks' own openings
// (blind-certificate-opening.ts) once both opened a differing field; until then it is issued unopened
// and stored as such (`field-mismatch-unopened`), and the opened one is stored beside it when it can
// be made (§14.3).
import path from 'node:path';
import { chainAuditOutboxAfterCommit, enqueueAuditEntries } from '../audit/append-audit-entry';
import { authorize } from '../auth/authorize';
import { auditActorOf, type ApiKeyViewer, type StaffViewer, type Viewer } from '../auth/viewer';
import type { Issuer } from '../certificates/load-issuer';
import type { PrismaClient } from '../db/client';
import { InvalidRequestError, ReconciliationBreakNotFoundError, StatementNotDraftedError } from '../errors';
import { toHex } from '../proof/hex';
import { parseBusinessDate } from './business-day-window';
import { derivePairKeys } from './derive-pair-keys';
import { certificateOpeningOf } from './blind-certificate-opening';
import { loadMemberPair } from './load-member-pair';
import { mintReconciliationCertificate } from './mint-reconciliation-certificate';
import { mintAbsenceProof, mintFieldMismatchProof, mintInclusionProof } from './mint-reconciliation-proofs';
import { decryptPairKey } from './pair-key-encryption';
import { parseReconciliationCertificate, reconciliationCertificateBytes, type CertificateClass, type ReconciliationCertificate } from './reconciliation-certificate';
import type { ReconciliationProof } from './reconciliation-proof-schema';
import { COMMITTED_FIELDS, type CommittedField } from './row-format';
import { SideTree } from './side-tree';

export const BREAK_CERTIFICATE_PROOFS = ['inclusion', 'absence', 'field-mismatch'] as const;
export type BreakCertificateProof = (typeof BREAK_CERTIFICATE_PROOFS)[number];

export async function issueBreakCertificate({
  prisma,
  viewer,
  pairId,
  businessDate: rawDate,
  ordinal,
  proof: requested,
  storageDir,
  keySecret,
  issuer,
  now = () => new Date(),
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  pairId: string;
  businessDate: string;
  ordinal: number;
  /** Which half of an only-A / only-B break; a field mismatch has one (default: inclusion, or field-mismatch). */
  proof?: BreakCertificateProof;
  storageDir: string;
  keySecret: string;
  issuer: Issuer;
  now?: () => Date;
}): Promise<ReconciliationCertificate> {
  authorize(viewer, 'reconciliation.read');
  const { pair } = await loadMemberPair({ prisma, viewer: viewer as StaffViewer | ApiKeyViewer, pairId });
  const businessDate = parseBusinessDate(rawDate);
  const statement = await prisma.reconciliationStatement.findUnique({ where: { pairId_businessDate: { pairId: pair.id, businessDate } } });
  if (!statement) throw new StatementNotDraftedError(businessDate);
  const found = Number.isSafeInteger(ordinal) && ordinal >= 0 ? await prisma.reconciliationBreak.findUnique({ where: { statementId_ordinal: { statementId: statement.id, ordinal } } }) : null;
  if (!found) throw new ReconciliationBreakNotFoundError(businessDate, ordinal);

  const plan = planOf(found, requested);
  const blindMismatch = pair.mode === 'blind' && plan.proof === 'field-mismatch';
  const blindOpening = blindMismatch ? await certificateOpeningOf({ prisma, statementId: statement.id, ordinal, fields: found.fields }) : null;
  const storedAs = blindMismatch && !blindOpening ? 'field-mismatch-unopened' : plan.proof;
  const stored = await prisma.reconciliationCertificate.findUnique({ where: { pairId_businessDate_ordinal_proof: { pairId: pair.id, businessDate, ordinal, proof: storedAs } } });
  if (stored) return parseReconciliationCertificate(JSON.parse(stored.document));

  const sides = await prisma.reconciliationSide.findMany({ where: { pairId: pair.id, businessDate } });
  const sideRow = (bank: 'A' | 'B') => sides.find((side) => side.bank === bank)!;
  const attested = (bank: 'A' | 'B') => {
    const side = sideRow(bank);
    return { bank, root: toHex(side.root), rowCount: side.rowCount, receiptSha256: toHex(side.receiptSha256) };
  };
  const open = (bank: 'A' | 'B') => SideTree.open(path.join(storageDir, sideRow(bank).directory));
  const key = new Uint8Array(found.key);
  let proof: ReconciliationProof;
  let attestedSides;
  if (plan.proof === 'field-mismatch') {
    const [a, b] = await Promise.all([open('A'), open('B')]);
    try {
      const field = (found.fields.find((name) => (COMMITTED_FIELDS as readonly string[]).includes(name)) ?? found.fields[0]) as CommittedField;
      if (pair.mode === 'blind') {
        const minted = mintFieldMismatchProof({ a, b, key, field: blindOpening?.field ?? field });
        proof = blindOpening ? { ...minted, opening: blindOpening.opening } : minted;
      } else {
        const keys = derivePairKeys(decryptPairKey({ encrypted: new Uint8Array(pair.encryptedPairKey!), pairId: pair.id, secret: keySecret }));
        proof = mintFieldMismatchProof({ a, b, key, field, keys });
      }
    } finally {
      a.close();
      b.close();
    }
    attestedSides = [attested('A'), attested('B')];
  } else {
    const bank = plan.side;
    const tree = await open(bank);
    try {
      proof = plan.proof === 'inclusion' ? mintInclusionProof(tree, bank === 'A' ? found.indexA! : found.indexB!) : mintAbsenceProof(tree, key);
    } finally {
      tree.close();
    }
    attestedSides = [attested(bank)];
  }
  const issuedAt = now();
  const banks = await prisma.organization.findMany({ where: { id: { in: [pair.lenderAId, pair.lenderBId] } }, select: { id: true, name: true } });
  const bankName = (id: string) => banks.find((bank) => bank.id === id)!.name;
  const certificate = await mintReconciliationCertificate({
    proof,
    pair: { id: pair.id, bankA: bankName(pair.lenderAId), bankB: bankName(pair.lenderBId) },
    businessDate,
    breakClass: plan.certificateClass,
    attestedSides,
    issuer,
    issuedAt,
  });
  const actor = auditActorOf(viewer);
  const document = new TextDecoder().decode(reconciliationCertificateBytes(certificate));
  const kept = await prisma.$transaction(async (tx) => {
    // Two downloads at once: the first stored wins, and both answer it.
    const inserted = await tx.reconciliationCertificate.createMany({
      data: [{ serial: certificate.serial, pairId: pair.id, businessDate, ordinal, proof: storedAs, document, issuedAt, issuedBy: actor.label }],
      skipDuplicates: true,
    });
    if (inserted.count === 0) {
      return (await tx.reconciliationCertificate.findUniqueOrThrow({ where: { pairId_businessDate_ordinal_proof: { pairId: pair.id, businessDate, ordinal, proof: storedAs } } })).document;
    }
    await enqueueAuditEntries(tx, [
      {
        actor,
        action: 'reconciliation.certificate_issue',
        targetType: 'reconciliation_certificate',
        targetId: certificate.serial,
        details: { pairId: pair.id, businessDate, ordinal, class: plan.certificateClass, proof: storedAs },
      },
    ]);
    return document;
  });
  await chainAuditOutboxAfterCommit(prisma);
  return parseReconciliationCertificate(JSON.parse(kept));
}

function planOf(
  found: { breakClass: 'only_a' | 'only_b' | 'field_mismatch' | 'within_tolerance' | 'timing'; indexA: number | null; indexB: number | null },
  requested: BreakCertificateProof | undefined,
): { proof: BreakCertificateProof; side: 'A' | 'B'; certificateClass: CertificateClass } {
  const { breakClass } = found;
  if (breakClass === 'field_mismatch' || breakClass === 'within_tolerance') {
    if (requested !== undefined && requested !== 'field-mismatch') throw new InvalidRequestError('proof: a row on both sides with differing fields has one certificate, proof=field-mismatch.');
    return { proof: 'field-mismatch', side: 'A', certificateClass: 'field-mismatch' };
  }
  if (requested === 'field-mismatch') throw new InvalidRequestError('proof: a break on one side only has two halves, proof=inclusion or proof=absence.');
  const proof = requested ?? 'inclusion';
  // A timing break is on one side of its own day only: the side whose leaf index it has.
  const present = breakClass === 'only_a' || (breakClass === 'timing' && found.indexA !== null) ? 'A' : 'B';
  const absent = present === 'A' ? 'B' : 'A';
  return { proof, side: proof === 'inclusion' ? present : absent, certificateClass: present === 'A' ? 'only-a' : 'only-b' };
}
