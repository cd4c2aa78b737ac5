// Reads a pair's day back from the ReconciliationAnchor contract's storage: each bank's anchored side
// and the recorded statement with both banks' confirmations. The contract's record is what makes a
// side "the one both banks signed" (§6.1): a verifier passes the sides read here as its trusted
// sides. Browser-safe (ethers only), like lib/proof's findAnchor; three eth_calls.
import { getBytes, isCallException } from 'ethers';
import type { ReadOnlyChainConnection } from '../proof/connect-read-only-chain';
import { toChainError } from '../proof/to-chain-error';
import { encodeBusinessDate } from './business-date';
import { checkBytes32, checkContractAddress } from './check-day-values';
import { ReconciliationContractNotFoundError } from './reconciliation-anchor-errors';
import { RECONCILIATION_LOOKUP_INTERFACE } from './reconciliation-anchor-lookup-abi';
import { SIGN_OFF_DECISIONS, type SignOffDecision } from './statement-typed-data';

export interface AnchoredSide {
  root: Uint8Array;
  rowCount: number;
  /** SHA-256 of the side receipt Evident signed for it. */
  receiptHash: Uint8Array;
  /** The member that anchored it, lowercase 0x-hex. */
  submitter: string;
  blockNumber: bigint;
  /** block.timestamp as the chain reports it (seconds, or milliseconds on some chains). */
  blockTime: bigint;
}

export interface StatementConfirmation {
  /** The member whose key signed the bank's sign-off, lowercase 0x-hex. */
  signer: string;
  decision: SignOffDecision;
  /** SHA-256 of the bank's objections text; 32 zero bytes when it agreed. */
  objectionsHash: Uint8Array;
}

export interface RecordedStatement {
  statementHash: Uint8Array;
  /** The member that recorded it (Evident), lowercase 0x-hex. */
  submitter: string;
  blockNumber: bigint;
  blockTime: bigint;
  bankA: StatementConfirmation;
  bankB: StatementConfirmation;
}

export interface ReconciliationDayOnChain {
  /** Null while not anchored. */
  sideA: AnchoredSide | null;
  sideB: AnchoredSide | null;
  /** Null while not recorded. */
  statement: RecordedStatement | null;
}

/** ReconciliationContractNotFoundError when no ReconciliationAnchor is at the address. */
export async function readReconciliationDay(
  connection: Pick<ReadOnlyChainConnection, 'provider' | 'rpcUrl'>,
  { contract, pairId, businessDate }: { contract: string; pairId: Uint8Array; businessDate: string },
): Promise<ReconciliationDayOnChain> {
  const address = checkContractAddress('contract', contract);
  const pair = checkBytes32('pairId', pairId);
  const date = encodeBusinessDate(businessDate);
  const call = (name: 'getSide' | 'getStatement', args: unknown[]) => callView(connection, address, name, args);

  const [sideA, sideB, statement] = await Promise.all([
    call('getSide', [pair, date, 0]).then(toSide),
    call('getSide', [pair, date, 1]).then(toSide),
    call('getStatement', [pair, date]).then(toStatement),
  ]);
  return { sideA, sideB, statement };
}

async function callView(
  { provider, rpcUrl }: Pick<ReadOnlyChainConnection, 'provider' | 'rpcUrl'>,
  address: string,
  name: 'getSide' | 'getStatement',
  args: unknown[],
) {
  let result: string;
  try {
    result = await provider.call({ to: address, data: RECONCILIATION_LOOKUP_INTERFACE.encodeFunctionData(name, args) });
  } catch (error) {
    // Neither view reverts, so a revert means some other contract lives at that address.
    if (isCallException(error)) throw await notFound(provider, address);
    throw toChainError(error, rpcUrl);
  }
  try {
    return RECONCILIATION_LOOKUP_INTERFACE.decodeFunctionResult(name, result);
  } catch {
    // An address without code answers "0x"; another contract may answer anything.
    throw await notFound(provider, address);
  }
}

async function notFound(provider: ReadOnlyChainConnection['provider'], address: string): Promise<ReconciliationContractNotFoundError> {
  const { chainId } = await provider.getNetwork();
  return new ReconciliationContractNotFoundError(address, chainId);
}

function toSide(fields: readonly unknown[]): AnchoredSide | null {
  const [root, rowCount, receiptHash, submitter, blockNumber, blockTime] = fields as [string, bigint, string, string, bigint, bigint];
  if (blockNumber === 0n) return null;
  return {
    root: getBytes(root),
    rowCount: safeCount(rowCount),
    receiptHash: getBytes(receiptHash),
    submitter: submitter.toLowerCase(),
    blockNumber,
    blockTime,
  };
}

function toStatement(fields: readonly unknown[]): RecordedStatement | null {
  const [statementHash, submitter, blockNumber, blockTime, confirmations] = fields as [
    string,
    string,
    bigint,
    bigint,
    ReadonlyArray<readonly [string, bigint, string]>,
  ];
  if (blockNumber === 0n) return null;
  return {
    statementHash: getBytes(statementHash),
    submitter: submitter.toLowerCase(),
    blockNumber,
    blockTime,
    bankA: toConfirmation(confirmations[0]),
    bankB: toConfirmation(confirmations[1]),
  };
}

function toConfirmation([signer, decision, objectionsHash]: readonly [string, bigint, string]): StatementConfirmation {
  const name = (Object.keys(SIGN_OFF_DECISIONS) as SignOffDecision[]).find((key) => BigInt(SIGN_OFF_DECISIONS[key]) === BigInt(decision));
  // The contract accepts no other value, so another one means another contract answered.
  if (!name) throw new Error(`The contract returned decision ${decision}, which is neither agreed (1) nor disputed (2).`);
  return { signer: signer.toLowerCase(), decision: name, objectionsHash: getBytes(objectionsHash) };
}

function safeCount(rowCount: bigint): number {
  if (rowCount > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`The contract returned a row count of ${rowCount}, above 2^53 − 1.`);
  return Number(rowCount);
}
