// The part of the ReconciliationAnchor contract's interface that a verifier reads: getSide,
// getStatement and the three events. Written out here so that the browser-safe reader does not
// import the compiled artifact (creation bytecode included); lib/chain/reconciliation-anchor-abi.test.ts
// checks that these fragments are the artifact's own.
import { Interface } from 'ethers';

export const RECONCILIATION_LOOKUP_ABI = [
  'function getSide(bytes32 pairId, uint32 businessDate, uint8 bank) view returns (bytes32 root, uint64 rowCount, bytes32 receiptHash, address submitter, uint64 blockNumber, uint64 blockTime)',
  'function getStatement(bytes32 pairId, uint32 businessDate) view returns (bytes32 statementHash, address submitter, uint64 blockNumber, uint64 blockTime, tuple(address signer, uint8 decision, bytes32 objectionsHash)[2] confirmations)',
  'event SideAnchored(bytes32 indexed pairId, uint32 indexed businessDate, uint8 indexed bank, bytes32 root, uint64 rowCount, bytes32 receiptHash, address submitter, uint64 blockTime)',
  'event StatementRecorded(bytes32 indexed pairId, uint32 indexed businessDate, bytes32 statementHash, address submitter, uint64 blockTime)',
  'event StatementConfirmed(bytes32 indexed pairId, uint32 indexed businessDate, uint8 indexed bank, address signer, uint8 decision, bytes32 objectionsHash)',
] as const;

export const RECONCILIATION_LOOKUP_INTERFACE = new Interface(RECONCILIATION_LOOKUP_ABI);
