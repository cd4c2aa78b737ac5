import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { artifactPath, compileContract, CONTRACT_NAMES, formatArtifact, type CompiledContract } from './compile';

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

const compiled = Object.fromEntries(CONTRACT_NAMES.map((name) => [name, compileContract(name)])) as Record<
  (typeof CONTRACT_NAMES)[number],
  CompiledContract
>;

describe.each(CONTRACT_NAMES)('compileContract(%s)', (name) => {
  it('matches the checked-in artifact byte for byte', () => {
    const committed = readFileSync(artifactPath(name), 'utf8');
    const fresh = formatArtifact(compiled[name]);
    expect(
      fresh === committed,
      `contracts/artifacts/${name}.json is out of date with ${name}.sol: run \`npm run contracts:build\` and commit the artifact`,
    ).toBe(true);
  });

  it('targets the paris EVM, which production consortium chains accept', () => {
    expect(compiled[name].settings.evmVersion).toBe('paris');
    expect(compiled[name].settings.optimizer).toEqual({ enabled: true, runs: 200 });
  });

  it('emits no PUSH0 in the runtime code', () => {
    const ops = opcodes(compiled[name].deployedBytecode);
    expect(ops.length).toBeGreaterThan(100);
    expect(ops).not.toContain(PUSH0);
  });
});

describe('compileContract(EvidenceAnchor)', () => {
  it('exposes the anchoring and governance interface, with no single admin', () => {
    const names = compiled.EvidenceAnchor.abi.map((f) => `${f.type}:${f.name ?? ''}`);
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

describe('compileContract(ReconciliationAnchor)', () => {
  it('exposes the side, statement and sign-off interface, and no admin of its own', () => {
    const names = compiled.ReconciliationAnchor.abi.map((f) => `${f.type}:${f.name ?? ''}`);
    for (const expected of [
      'constructor:',
      'function:anchorSide',
      'function:recordStatement',
      'function:getSide',
      'function:getStatement',
      'function:signOffDigest',
      'function:domainSeparator',
      'function:evidenceAnchor',
      'function:isMember',
      'event:SideAnchored',
      'event:StatementRecorded',
      'event:StatementConfirmed',
      'error:NotMember',
      'error:SideAlreadyAnchored',
      'error:SideNotAnchored',
      'error:StatementAlreadyRecorded',
      'error:SignerNotMember',
      'error:SameSigner',
      'error:MalleableSignature',
      'error:MalformedSignature',
    ]) {
      expect(names).toContain(expected);
    }
    for (const governance of ['function:admin', 'function:owner', 'function:proposeMembership']) expect(names).not.toContain(governance);
  });
});
