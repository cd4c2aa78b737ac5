// Says in a sentence why ReconciliationAnchor refused a call, from its custom error: which value was
// wrong and why, in the terms of docs/reconciliation-format.md §11, with the values the contract saw.
import type { ErrorDescription } from 'ethers';

const BANKS = ['bank A', 'bank B'];
const bankName = (bank: unknown) => BANKS[Number(bank)] ?? `bank ${String(bank)} (neither A, 0, nor B, 1)`;

export function describeReconciliationRevert({ name, args }: ErrorDescription): string {
  const day = () => `pair ${String(args[0])} on ${String(args[1])}`;
  switch (name) {
    case 'NotAContract':
      return `the EvidenceAnchor address ${String(args[0]).toLowerCase()} holds no contract`;
    case 'NotMember':
      return `the sender ${String(args[0]).toLowerCase()} is not a member of the consortium (EvidenceAnchor.isMember)`;
    case 'EmptyPairId':
      return 'pairId is 32 zero bytes, which names no pair';
    case 'InvalidBusinessDate':
      return `businessDate ${String(args[0])} is not a date as the number YYYYMMDD`;
    case 'InvalidBank':
      return `bank ${String(args[0])} is neither 0 (bank A) nor 1 (bank B)`;
    case 'EmptyRoot':
      return 'root is 32 zero bytes, which is no side’s root';
    case 'NotTheEmptyRoot':
      return `rowCount is 0 but root ${String(args[0])} is not SHA-256 of the empty string, the root of an empty side`;
    case 'EmptyReceipt':
      return 'receiptHash is 32 zero bytes: a side is anchored with the hash of its signed receipt';
    case 'SideAlreadyAnchored':
      return `${bankName(args[2])}'s side of ${day()} is already anchored; a side is anchored once`;
    case 'SideNotAnchored':
      return `${bankName(args[2])}'s side of ${day()} is not anchored yet; both sides are anchored before the statement`;
    case 'EmptyStatement':
      return 'statementHash is 32 zero bytes, which is no statement’s SHA-256';
    case 'StatementAlreadyRecorded':
      return `the statement of ${day()} is already recorded; a day has one statement`;
    case 'InvalidDecision':
      return `${bankName(args[0])}'s decision ${String(args[1])} is neither 1 (agreed) nor 2 (disputed)`;
    case 'ObjectionsDoNotMatchDecision':
      return `${bankName(args[0])}'s objectionsHash must be zero when it agreed and the SHA-256 of its objections when it disputed (decision ${String(args[1])}, objectionsHash ${String(args[2])})`;
    case 'MalformedSignature':
      return `${bankName(args[0])}'s signature is not 65 bytes r ‖ s ‖ v with v 27 or 28 from which a key can be recovered`;
    case 'MalleableSignature':
      return `${bankName(args[0])}'s signature has a high s; only the low-s form of a signature is accepted`;
    case 'SignerNotMember':
      return `${bankName(args[0])}'s signature recovers to ${String(args[1]).toLowerCase()}, which is not a consortium member: either a non-member signed, or the signature covers other values (statement hash, sides, decision or objections) than those sent`;
    case 'SignerIsSender':
      return `${bankName(args[0])}'s sign-off is signed by the sender ${String(args[1]).toLowerCase()}; a bank signs with its own key`;
    case 'SameSigner':
      return `both banks' sign-offs are signed by ${String(args[0]).toLowerCase()}; bank A and bank B sign with different keys`;
    default:
      return `${name}(${args.map(String).join(', ')})`;
  }
}
