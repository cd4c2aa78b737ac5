import { describe, expect, it } from 'vitest';
import { RECONCILIATION_LOOKUP_INTERFACE } from '../reconciliation/reconciliation-anchor-lookup-abi';
import { RECONCILIATION_ANCHOR_INTERFACE } from './reconciliation-anchor-abi';

describe('the reconciliation anchor contract interface', () => {
  it('takes the calls of docs/reconciliation-format.md §11.3', () => {
    expect(RECONCILIATION_ANCHOR_INTERFACE.getFunction('anchorSide')!.format()).toBe('anchorSide(bytes32,uint32,uint8,bytes32,uint64,bytes32)');
    expect(RECONCILIATION_ANCHOR_INTERFACE.getFunction('recordStatement')!.format()).toBe(
      'recordStatement(bytes32,uint32,bytes32,uint8[2],bytes32[2],bytes,bytes)',
    );
  });

  it('gives the browser-safe reader the compiled contract’s own view and event fragments', () => {
    for (const name of ['getSide', 'getStatement']) {
      expect(RECONCILIATION_LOOKUP_INTERFACE.getFunction(name)!.format('full')).toBe(RECONCILIATION_ANCHOR_INTERFACE.getFunction(name)!.format('full'));
    }
    for (const name of ['SideAnchored', 'StatementRecorded', 'StatementConfirmed']) {
      expect(RECONCILIATION_LOOKUP_INTERFACE.getEvent(name)!.format('full')).toBe(RECONCILIATION_ANCHOR_INTERFACE.getEvent(name)!.format('full'));
    }
  });
});
