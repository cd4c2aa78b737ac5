import { id, Interface } from 'ethers';
import { describe, expect, it } from 'vitest';
import { ANCHOR_LOOKUP_INTERFACE, LEGACY_ROOT_ANCHORED_TOPIC, ROOT_ANCHORED_TOPIC } from '../proof/anchor-contract-abi';
import { EVIDENCE_ANCHOR_ABI, EVIDENCE_ANCHOR_INTERFACE } from './anchor-abi';

describe('the anchor contract interface', () => {
  it('anchors a root with its audit head and emits the head in RootAnchored', () => {
    expect(EVIDENCE_ANCHOR_INTERFACE.getFunction('anchor')!.format()).toBe('anchor(bytes32,bytes32,uint64,uint64,bytes32)');
    expect(ROOT_ANCHORED_TOPIC).toBe(id('RootAnchored(bytes32,address,bytes32,uint64,uint64,uint64,bytes32)'));
  });

  it('names the earlier RootAnchored layout that verification still accepts', () => {
    expect(LEGACY_ROOT_ANCHORED_TOPIC).toBe(id('RootAnchored(bytes32,address,bytes32,uint64,uint64,uint64)'));
  });

  it('gives the proof core the compiled contract’s own getAnchor and RootAnchored fragments', () => {
    const artifact = new Interface(EVIDENCE_ANCHOR_ABI);
    expect(ANCHOR_LOOKUP_INTERFACE.getFunction('getAnchor')!.format('full')).toBe(artifact.getFunction('getAnchor')!.format('full'));
    expect(ANCHOR_LOOKUP_INTERFACE.getEvent('RootAnchored')!.format('full')).toBe(artifact.getEvent('RootAnchored')!.format('full'));
  });
});
