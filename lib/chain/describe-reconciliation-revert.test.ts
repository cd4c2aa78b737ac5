import { ZeroAddress, ZeroHash } from 'ethers';
import { describe, expect, it } from 'vitest';
import { describeReconciliationRevert } from './describe-reconciliation-revert';
import { RECONCILIATION_ANCHOR_INTERFACE } from './reconciliation-anchor-abi';

const sample = (type: string) => (type === 'bytes32' ? ZeroHash : type === 'address' ? ZeroAddress : 1);

describe('describeReconciliationRevert', () => {
  const errors: string[] = [];
  RECONCILIATION_ANCHOR_INTERFACE.forEachError((fragment) => errors.push(fragment.name));

  it.each(errors)('explains %s in words, with the values the contract saw', (name) => {
    const fragment = RECONCILIATION_ANCHOR_INTERFACE.getError(name)!;
    const data = RECONCILIATION_ANCHOR_INTERFACE.encodeErrorResult(fragment, fragment.inputs.map((input) => sample(input.type)));
    const explained = describeReconciliationRevert(RECONCILIATION_ANCHOR_INTERFACE.parseError(data)!);
    expect(explained.startsWith(`${name}(`), `${name} falls through to the generic description`).toBe(false);
    if (fragment.inputs.some((input) => input.type === 'bytes32' && input.name === 'pairId')) expect(explained).toContain(ZeroHash);
  });

  it('names the bank in words', () => {
    const data = RECONCILIATION_ANCHOR_INTERFACE.encodeErrorResult('SignerNotMember', [1, '0x' + 'ab'.repeat(20)]);
    expect(describeReconciliationRevert(RECONCILIATION_ANCHOR_INTERFACE.parseError(data)!)).toBe(
      `bank B's signature recovers to 0x${'ab'.repeat(20)}, which is not a consortium member: either a non-member signed, or the signature covers other values (statement hash, sides, decision or objections) than those sent`,
    );
  });
});
