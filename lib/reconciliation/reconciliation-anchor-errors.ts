// Errors of a day's sign-off and anchoring (§11): a sign-off whose values cannot be signed as they
// are, a signature that is not a canonical signature of the sign-off by the expected key, and an
// address that holds no ReconciliationAnchor. Browser-safe.
import { DomainError } from '../proof/domain-error';

/** One value of a sign-off (or of its business date) is not what §11 allows; `argument` names it. */
export class InvalidReconciliationArgumentError extends DomainError {
  readonly code = 'invalid-reconciliation-argument';
  constructor(
    readonly argument: string,
    detail: string,
  ) {
    super(`${argument} ${detail}.`);
  }
}

export type InvalidSignOffSignatureReason =
  | 'not-65-bytes'
  | 'invalid-v'
  | 'r-out-of-range'
  | 's-out-of-range'
  | 'unrecoverable'
  | 'wrong-signer';

export class InvalidSignOffSignatureError extends DomainError {
  readonly code = 'invalid-sign-off-signature';
  constructor(
    readonly reason: InvalidSignOffSignatureReason,
    message: string,
  ) {
    super(message);
  }
}

/** The address answers getSide/getStatement with nothing decodable: no ReconciliationAnchor is there. */
export class ReconciliationContractNotFoundError extends DomainError {
  readonly code = 'reconciliation-contract-not-found';
  constructor(
    readonly contractAddress: string,
    readonly chainId: bigint,
  ) {
    super(`No ReconciliationAnchor contract is deployed at ${contractAddress} on chain ${chainId}.`);
  }
}
