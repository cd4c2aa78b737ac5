// What a day's sign-off (spec §11.2) is built from, for the sign-off services: the member pair and
// the viewer's bank, the drafted statement with its sign-offs so far, the sides the statement names,
// and the EIP-712 domain: the chain and ReconciliationAnchor of the first sign-off when there is one
// (every party of a day signs over one domain, or the contract could not check them together), else
// the ReconciliationAnchor recorded for the chain the platform runs on.
import type { ApiKeyViewer, StaffViewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import type { ReconciliationPair, ReconciliationSignOff, ReconciliationStatement } from '../db/generated/client';
import { ReconciliationAnchorUnavailableError, ReconciliationDayNotFoundError, StatementNotDraftedError } from '../errors';
import { fromHex } from '../proof/hex';
import { parseBusinessDate } from './business-day-window';
import { currentReconciliationAnchor } from './current-reconciliation-anchor';
import { loadMemberPair } from './load-member-pair';
import { pairIdOnChain } from './pair-id-on-chain';
import type { ReconciliationStatement as StatementDocument } from './reconciliation-statement';
import type { StatementSignOff } from './statement-typed-data';

export interface SignOffContext {
  pair: ReconciliationPair;
  bank: 'A' | 'B';
  businessDate: string;
  statement: ReconciliationStatement & { signOffs: ReconciliationSignOff[] };
  /** The sign-off's values every party signs alike; `party`, `decision` and `objectionsHash` are each party's own. */
  common: Omit<StatementSignOff, 'party' | 'decision' | 'objectionsHash'>;
}

export async function loadSignOffContext({
  prisma,
  viewer,
  pairId,
  businessDate: rawDate,
}: {
  prisma: PrismaClient;
  viewer: StaffViewer | ApiKeyViewer;
  pairId: string;
  businessDate: string;
}): Promise<SignOffContext> {
  const { pair, bank } = await loadMemberPair({ prisma, viewer, pairId });
  const businessDate = parseBusinessDate(rawDate);
  const statement = await prisma.reconciliationStatement.findUnique({
    where: { pairId_businessDate: { pairId: pair.id, businessDate } },
    include: { signOffs: true },
  });
  if (!statement) {
    const sides = await prisma.reconciliationSide.count({ where: { pairId: pair.id, businessDate } });
    if (sides === 0) throw new ReconciliationDayNotFoundError(pair.id, businessDate);
    throw new StatementNotDraftedError(businessDate);
  }
  const document = JSON.parse(statement.canonicalJson) as StatementDocument;
  const first = [...statement.signOffs].sort((x, y) => x.signedAt.getTime() - y.signedAt.getTime())[0];
  const domain = first ? { chainId: first.chainId, contract: first.contractAddress } : await currentReconciliationAnchor(prisma);
  if (!domain) throw new ReconciliationAnchorUnavailableError();
  return {
    pair,
    bank,
    businessDate,
    statement,
    common: {
      ...domain,
      pairId: pairIdOnChain(pair.id),
      businessDate,
      statementHash: new Uint8Array(statement.sha256),
      sideA: { root: fromHex(document.sides.a.root), rowCount: document.sides.a.rowCount },
      sideB: { root: fromHex(document.sides.b.root), rowCount: document.sides.b.rowCount },
    },
  };
}
