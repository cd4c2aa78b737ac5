import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ARTIFACT_PATH, compileEvidenceAnchor, formatArtifact } from './compile';

const PUSH0 = 0x5f;
const PUSH1 = 0x60;
const PUSH32 = 0x7f;

/** Opcodes of runtime bytecode, skipping PUSH data and the trailing CBOR metadata. */
function opcodes(hex: string): number[] {
  const code = Buffer.from(hex.slice(2), 'hex');
  const metadataLength = code.readUInt16BE(code.length - 2) + 2;
  const ops: number[] = [];
  for (let i = 0; i < code.length - metadataLength; i++) {
    const op = code[i]!;
    ops.push(op);
    if (op >= PUSH1 && op <= PUSH32) i += op - PUSH1 + 1;
  }
  return ops;
}

describe('compileEvidenceAnchor', () => {
  const compiled = compileEvidenceAnchor();

  it('matches the checked-in artifact byte for byte', () => {
    const committed = readFileSync(ARTIFACT_PATH, 'utf8');
    const fresh = formatArtifact(compiled);
    expect(
      fresh === committed,
      'contracts/artifacts/EvidenceAnchor.json is out of date with EvidenceAnchor.sol: run `npm run contracts:build` and commit the artifact',
    ).toBe(true);
  });

  it('targets the paris EVM, which production consortium chains accept', () => {
    expect(compiled.settings.evmVersion).toBe('paris');
    expect(compiled.settings.optimizer).toEqual({ enabled: true, runs: 200 });
  });

  it('emits no PUSH0 in the runtime code', () => {
    const ops = opcodes(compiled.deployedBytecode);
    expect(ops.length).toBeGreaterThan(100);
    expect(ops).not.toContain(PUSH0);
  });

  it('exposes the anchoring and governance interface, with no single admin', () => {
    const names = compiled.abi.map((f) => `${f.type}:${f.name ?? ''}`);
    for (const expected of [
      'constructor:',
      'function:anchor',
      'function:getAnchor',
      'function:lastRootOf',
      'function:anchorCount',
      'function:isMember',
      'function:memberCount',
      'function:threshold',
      'function:proposeMembership',
      'function:approveMembership',
      'function:getProposal',
      'function:hasApproved',
      'event:RootAnchored',
      'event:MembershipProposed',
      'event:MembershipApproved',
      'event:MemberAdded',
      'event:MemberRemoved',
      'error:RootAlreadyAnchored',
      'error:ChainBreak',
      'error:NotMember',
      'error:EmptyRoot',
      'error:EmptyBatch',
      'error:AlreadyApproved',
      'error:ProposalNotFound',
      'error:ProposalAlreadyExecuted',
      'error:LastMember',
      'error:NothingToChange',
    ]) {
      expect(names).toContain(expected);
    }
    expect(names).not.toContain('function:admin');
  });
});
