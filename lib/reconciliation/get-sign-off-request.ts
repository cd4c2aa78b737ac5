// What a bank signs to sign a day's statement off (GET …/days/{date}/sign-off; spec §11.2): the
// EIP-712 typed data for the viewer's bank, complete but for the bank's own `decision` and
// `objectionsHash`, the bank's registered sign-off address, and the sign-offs so far. A bank's
// signing system signs this with ethers' signTypedData (or any EIP-712 signer) after filling in the
// two values; the lender portal does the same in the browser with the bank's key file.
import { authorize } from '../auth/authorize';
import type { ApiKeyViewer, StaffViewer, Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { toHex } from '../proof/hex';
import type { SignOffRequest } from './reconciliation-schemas';
import { statementViewOf } from './reconciliation-views';
import { loadSignOffContext } from './sign-off-context';
import { NO_OBJECTIONS, SIGN_OFF_DECISIONS, STATEMENT_SIGN_OFF_TYPES, statementSignOffTypedData } from './statement-typed-data';

export async function getSignOffRequest({
  prisma,
  viewer,
  pairId,
  businessDate,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  pairId: string;
  businessDate: string;
}): Promise<SignOffRequest> {
  authorize(viewer, 'reconciliation.read');
  const context = await loadSignOffContext({ prisma, viewer: viewer as StaffViewer | ApiKeyViewer, pairId, businessDate });
  const { pair, bank, statement, common } = context;
  const organization = await prisma.organization.findUniqueOrThrow({ where: { id: bank === 'A' ? pair.lenderAId : pair.lenderBId } });
  // Built through the one typed-data function, so every value is checked as the contract would; the
  // decision and objections hash are then left to the signer.
  const { domain, value } = statementSignOffTypedData({ ...common, party: bank === 'A' ? 'bank-a' : 'bank-b', decision: 'agreed', objectionsHash: NO_OBJECTIONS });
  return {
    pairId: pair.id,
    businessDate: context.businessDate,
    party: bank,
    signerAddress: organization.signOffAddress,
    statement: { sha256: toHex(statement.sha256), status: statement.status },
    typedData: {
      domain: { name: String(domain.name), version: String(domain.version), chainId: String(domain.chainId), verifyingContract: String(domain.verifyingContract) },
      types: { StatementSignOff: STATEMENT_SIGN_OFF_TYPES.StatementSignOff.map((field) => ({ ...field })) },
      primaryType: 'StatementSignOff',
      message: { ...jsonSafe(value), decision: null, objectionsHash: null },
    },
    decisionValues: { ...SIGN_OFF_DECISIONS },
    signOffs: statementViewOf(statement, statement.signOffs).signOffs,
  };
}

function jsonSafe(value: Record<string, unknown>): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [name, typeof item === 'bigint' ? item.toString() : item instanceof Uint8Array ? toHex(item) : (item as string | number)]),
  );
}
