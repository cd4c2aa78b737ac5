import { id } from 'ethers';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_ANCHOR_INTERFACE, LEGACY_ROOT_ANCHORED_TOPIC, ROOT_ANCHORED_TOPIC } from './anchor-abi';

describe('the anchor contract interface', () => {
  it('anchors a root with its audit head and emits the head in RootAnchored', () => {
    expect(EVIDENCE_ANCHOR_INTERFACE.getFunction('anchor')!.format()).toBe('anchor(bytes32,bytes32,uint64,uint64,bytes32)');
    expect(ROOT_ANCHORED_TOPIC).toBe(id('RootAnchored(bytes32,address,bytes32,uint64,uint64,uint64,bytes32)'));
  });

  it('names the earlier RootAnchored layout that verification still accepts', () => {
    expect(LEGACY_ROOT_ANCHORED_TOPIC).toBe(id('RootAnchored(bytes32,address,bytes32,uint64,uint64,uint64)'));
  });
});
