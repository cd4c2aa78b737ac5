// Database rows of reconciliation as the API and the portals show them (reconciliation-schemas.ts):
// bytes as lowercase 0x-hex, dates as ISO strings, the signed documents parsed back from the exact
// text Evident issued.
import type {
  ReconciliationAnchorTransaction,
  ReconciliationSide,
  ReconciliationSignOff,
  ReconciliationStatement,
  ReconciliationTimestamp,
} from '../db/generated/client';
import { toHex } from '../proof/hex';
import type { AnchorTransactionView, SideView, SignOffView, StatementView, TimestampView } from './reconciliation-schemas';
import type { ReconciliationStatement as StatementDocument } from './reconciliation-statement';
import type { SideReceipt } from './side-receipt';

/** What a side view is made of: a reconciliation_side row (Prisma), or the row just written. */
export type SideViewSource = Pick<
  ReconciliationSide,
  'bank' | 'committedAt' | 'fileSize' | 'rowCount' | 'receipt'
> & { fileSha256: Uint8Array; root: Uint8Array; receiptSha256: Uint8Array; previousReceiptSha256: Uint8Array | null };

export function sideViewOf(side: SideViewSource): SideView {
  return {
    bank: side.bank,
    committedAt: side.committedAt.toISOString(),
    file: { sha256: toHex(side.fileSha256), size: Number(side.fileSize) },
    rowCount: side.rowCount,
    root: toHex(side.root),
    receiptSha256: toHex(side.receiptSha256),
    previousReceiptSha256: side.previousReceiptSha256 ? toHex(side.previousReceiptSha256) : null,
    receipt: JSON.parse(side.receipt) as SideReceipt,
  };
}

/** A verified timestamp row (token not null). */
export function timestampViewOf(row: ReconciliationTimestamp): TimestampView {
  return {
    document: row.kind === 'statement' ? 'statement' : 'side-receipt',
    sha256: toHex(row.documentSha256),
    genTime: row.genTime!.toISOString(),
    tsaSerial: row.tsaSerial!,
    policy: row.policy!,
    token: Buffer.from(row.token!).toString('base64'),
  };
}

export function signOffViewOf(signOff: ReconciliationSignOff): SignOffView {
  return {
    party: signOff.party,
    decision: signOff.decision,
    objections: signOff.objections,
    objectionsHash: toHex(signOff.objectionsHash),
    signer: signOff.signer,
    signature: signOff.signature,
    chainId: signOff.chainId.toString(),
    contract: signOff.contractAddress,
    signedAt: signOff.signedAt.toISOString(),
    signedBy: signOff.signedBy,
  };
}

const PARTY_ORDER = { A: 0, B: 1, evident: 2 } as const;

export function statementViewOf(statement: ReconciliationStatement, signOffs: ReconciliationSignOff[] = []): StatementView {
  const document = { ...JSON.parse(statement.canonicalJson), signature: { scheme: 'eip712' as const, value: statement.signature } } as StatementDocument;
  return {
    status: statement.status,
    sha256: toHex(statement.sha256),
    draftedAt: statement.draftedAt.toISOString(),
    counts: {
      matched: statement.matched,
      matchedWithinTolerance: statement.matchedWithinTolerance,
      onlyA: statement.onlyA,
      onlyB: statement.onlyB,
      fieldMismatch: statement.fieldMismatch,
      timing: statement.timing,
    },
    controlTotalDifferences: statement.controlTotalDifferences,
    document,
    escalatedAt: statement.escalatedAt?.toISOString() ?? null,
    signOffs: [...signOffs].sort((x, y) => PARTY_ORDER[x.party] - PARTY_ORDER[y.party]).map(signOffViewOf),
  };
}

export const BREAK_CLASS_TO_DB = {
  'only-a': 'only_a',
  'only-b': 'only_b',
  'field-mismatch': 'field_mismatch',
  'within-tolerance': 'within_tolerance',
  timing: 'timing',
} as const;

export const BREAK_CLASS_FROM_DB = {
  only_a: 'only-a',
  only_b: 'only-b',
  field_mismatch: 'field-mismatch',
  within_tolerance: 'within-tolerance',
  timing: 'timing',
} as const;

/** One row of the day's anchoring outbox. */
export function anchorTransactionViewOf(row: ReconciliationAnchorTransaction): AnchorTransactionView {
  return {
    kind: row.kind === 'side_a' ? 'side-a' : row.kind === 'side_b' ? 'side-b' : 'statement',
    status: row.status,
    chainId: row.chainId.toString(),
    contractAddress: row.contractAddress,
    txHash: row.txHash,
    blockNumber: row.blockNumber?.toString() ?? null,
    blockTime: row.blockTime?.toISOString() ?? null,
    lastError: row.lastError,
  };
}
