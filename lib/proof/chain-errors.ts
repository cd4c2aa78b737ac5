// Errors of the chain room. Callers branch on them: ChainUnavailableError means "try again later"
// (anchoring is idempotent, so a retry never anchors twice), the others mean a real refusal.
import { DomainError } from './domain-error';

export class ChainUnavailableError extends DomainError {
  readonly code = 'chain-unavailable';
  /** The RPC endpoint as shown to people: scheme, host and port only. */
  readonly endpoint: string;
  constructor(rpcUrl: string, detail: string, options: { cause?: unknown } = {}) {
    const endpoint = describeRpcEndpoint(rpcUrl);
    super(`The chain node at ${endpoint} is unavailable: ${detail}.`);
    this.endpoint = endpoint;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

/** Why an anchoring or deployment transaction was refused or reverted. */
export type AnchorFailureReason =
  /** A custom error of the contract (NotMember, ChainBreak, EmptyBatch...), found when the call was simulated before sending. */
  | 'contract-revert'
  /** Mined with status 0 and no decodable reason. */
  | 'reverted'
  /** The node refused the transaction itself (funds, nonce, gas). */
  | 'rejected';

export class AnchorTransactionFailedError extends DomainError {
  readonly code = 'anchor-transaction-failed';
  readonly reason: AnchorFailureReason;
  /** The contract's custom error name (NotMember, ChainBreak, RootAlreadyAnchored, EmptyRoot, EmptyBatch...). */
  readonly revertError?: string;
  readonly txHash?: string;
  constructor({
    reason,
    message,
    revertError,
    txHash,
    cause,
  }: {
    reason: AnchorFailureReason;
    message: string;
    revertError?: string;
    txHash?: string;
    cause?: unknown;
  }) {
    super(message);
    this.reason = reason;
    this.revertError = revertError;
    this.txHash = txHash;
    if (cause !== undefined) this.cause = cause;
  }
}

export class ContractNotDeployedError extends DomainError {
  readonly code = 'contract-not-deployed';
  constructor(
    readonly contractAddress: string,
    readonly chainId: bigint,
  ) {
    super(`No EvidenceAnchor contract is deployed at ${contractAddress} on chain ${chainId}.`);
  }
}

// Only the origin: RPC URLs carry credentials in the userinfo, and API keys in the path or query
// (Infura, Alchemy), and error messages end up in logs and on screens.
function describeRpcEndpoint(rpcUrl: string): string {
  try {
    const url = new URL(rpcUrl);
    const hasMore = url.pathname !== '/' || url.search !== '';
    return `${url.protocol}//${url.host}${hasMore ? '/…' : ''}`;
  } catch {
    return '(an invalid RPC URL)';
  }
}
