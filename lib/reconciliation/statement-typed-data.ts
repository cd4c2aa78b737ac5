// The EIP-712 typed data of a day's sign-off (§11.2): what each bank signs with its own key to agree
// with or dispute the pair's statement for a business date, and what Evident countersigns with its
// issuer key. ReconciliationAnchor.sol builds the same struct from the sides it holds and checks both
// banks' signatures on chain, so the field list here and the type string there must stay equal
// (statement-typed-data.test.ts and the contract's integration test check it). Browser-safe.
import { TypedDataEncoder, type TypedDataDomain, type TypedDataField } from 'ethers';
import { bytesEqual } from '../proof/bytes-equal';
import { encodeBusinessDate } from './business-date';
import { checkBytes32, checkContractAddress, checkSide } from './check-day-values';
import { InvalidReconciliationArgumentError } from './reconciliation-anchor-errors';

export const STATEMENT_SIGN_OFF_DOMAIN_NAME = 'Evident Reconciliation';
export const STATEMENT_SIGN_OFF_DOMAIN_VERSION = '1';

// The field order fixes the type hash, which the contract pins: never reorder. The fields every
// party signs alike come first, the signing party's own three last (the contract hashes them so).
export const STATEMENT_SIGN_OFF_TYPES = {
  StatementSignOff: [
    { name: 'pairId', type: 'bytes32' },
    { name: 'businessDate', type: 'uint32' },
    { name: 'statementHash', type: 'bytes32' },
    { name: 'rootA', type: 'bytes32' },
    { name: 'rowCountA', type: 'uint64' },
    { name: 'rootB', type: 'bytes32' },
    { name: 'rowCountB', type: 'uint64' },
    { name: 'party', type: 'uint8' },
    { name: 'decision', type: 'uint8' },
    { name: 'objectionsHash', type: 'bytes32' },
  ],
} as const satisfies Record<string, readonly TypedDataField[]>;

/** Who signs: bank A and bank B as the pair's configuration names them (the contract's `bank`), or
 * Evident countersigning. */
export const SIGN_OFF_PARTIES = { 'bank-a': 0, 'bank-b': 1, evident: 2 } as const;
export type SignOffParty = keyof typeof SIGN_OFF_PARTIES;

/** 0 is no decision, so a value never set cannot pass for one. */
export const SIGN_OFF_DECISIONS = { agreed: 1, disputed: 2 } as const;
export type SignOffDecision = keyof typeof SIGN_OFF_DECISIONS;

/** The objections hash of a party that agreed. */
export const NO_OBJECTIONS: Uint8Array = new Uint8Array(32);

/** A committed side as the statement names it and the contract anchors it (§4.1). */
export interface SignedSide {
  root: Uint8Array;
  rowCount: number;
}

export interface StatementSignOff {
  /** The chain and the ReconciliationAnchor contract the day is recorded on: the EIP-712 domain. */
  chainId: bigint;
  contract: string;
  /** The pair's 32-byte identifier, as its configuration fixes it. */
  pairId: Uint8Array;
  /** YYYY-MM-DD; signed as the number YYYYMMDD. */
  businessDate: string;
  /** SHA-256 of the statement. */
  statementHash: Uint8Array;
  sideA: SignedSide;
  sideB: SignedSide;
  party: SignOffParty;
  decision: SignOffDecision;
  /** SHA-256 of the objections text (hashObjections) when disputed; NO_OBJECTIONS when agreed. */
  objectionsHash: Uint8Array;
}

export interface StatementSignOffTypedData {
  domain: TypedDataDomain;
  types: Record<string, TypedDataField[]>;
  value: Record<string, unknown>;
}

/**
 * Arguments for ethers' signTypedData / verifyTypedData / TypedDataEncoder.hash, in that order.
 * Throws InvalidReconciliationArgumentError naming the first value that the contract would refuse.
 */
export function statementSignOffTypedData(signOff: StatementSignOff): StatementSignOffTypedData {
  const { chainId, pairId, statementHash, sideA, sideB, party, decision, objectionsHash } = signOff;
  if (typeof chainId !== 'bigint' || chainId <= 0n) {
    throw new InvalidReconciliationArgumentError('chainId', `must be a positive bigint (the EIP-155 chain id), got ${String(chainId)}`);
  }
  const contract = checkContractAddress('contract', signOff.contract);
  const businessDate = encodeBusinessDate(signOff.businessDate);
  if (!Object.hasOwn(SIGN_OFF_PARTIES, party)) {
    throw new InvalidReconciliationArgumentError('party', `must be one of ${Object.keys(SIGN_OFF_PARTIES).join(', ')}, got ${JSON.stringify(party)}`);
  }
  if (!Object.hasOwn(SIGN_OFF_DECISIONS, decision)) {
    throw new InvalidReconciliationArgumentError('decision', `must be agreed or disputed, got ${JSON.stringify(decision)}`);
  }
  const objections = checkBytes32('objectionsHash', objectionsHash, { allowZero: true });
  const hasObjections = !bytesEqual(objectionsHash, NO_OBJECTIONS);
  if (decision === 'agreed' && hasObjections) {
    throw new InvalidReconciliationArgumentError('objectionsHash', 'must be 32 zero bytes (NO_OBJECTIONS) when the decision is agreed');
  }
  if (decision === 'disputed' && !hasObjections) {
    throw new InvalidReconciliationArgumentError('objectionsHash', 'must be the SHA-256 of the objections text when the decision is disputed, not zero');
  }
  if (party === 'evident' && decision !== 'agreed') {
    throw new InvalidReconciliationArgumentError('decision', 'of Evident’s countersignature is always agreed: it attests the statement, the banks decide');
  }
  const a = checkSide('sideA', sideA);
  const b = checkSide('sideB', sideB);
  return {
    domain: { name: STATEMENT_SIGN_OFF_DOMAIN_NAME, version: STATEMENT_SIGN_OFF_DOMAIN_VERSION, chainId, verifyingContract: contract },
    types: { StatementSignOff: STATEMENT_SIGN_OFF_TYPES.StatementSignOff.map((field) => ({ ...field })) },
    value: {
      pairId: checkBytes32('pairId', pairId),
      businessDate,
      statementHash: checkBytes32('statementHash', statementHash),
      rootA: a.root,
      rowCountA: a.rowCount,
      rootB: b.root,
      rowCountB: b.rowCount,
      party: SIGN_OFF_PARTIES[party],
      decision: SIGN_OFF_DECISIONS[decision],
      objectionsHash: objections,
    },
  };
}

/** The EIP-712 digest the party signs: what ReconciliationAnchor.signOffDigest returns on chain. */
export function statementSignOffDigest(signOff: StatementSignOff): string {
  const { domain, types, value } = statementSignOffTypedData(signOff);
  return TypedDataEncoder.hash(domain, types, value);
}
