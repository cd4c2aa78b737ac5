// One block of a statement's lines read, validated and committed: the unit of work of the ingest,
// done by a worker thread (commit-rows-pool.ts) or inline. A block with any issue is only read:
// the file will be refused, and its issues are all that is wanted from it.
import { commitPackedRows } from './commit-rows';
import type { ControlTotals } from './control-totals';
import type { PairKeys } from './derive-pair-keys';
import type { StatementBlockReader } from './statement-block';
import type { StatementIssue } from './statement-reader';

export interface CommittedBlock {
  /** Side records (side-record.ts) of the block's rows, in line order; empty when not committed. */
  records: Uint8Array<ArrayBuffer>;
  issues: StatementIssue[];
  issueCount: number;
  controlTotals: ControlTotals;
}

export function commitStatementBlock(keys: PairKeys, reader: StatementBlockReader, block: Uint8Array, firstLine: number, commit: boolean): CommittedBlock {
  const { packed, issues, issueCount, controlTotals } = reader.read(block, firstLine);
  const records = commit && issueCount === 0 ? commitPackedRows(keys, packed) : new Uint8Array(0);
  return { records, issues, issueCount, controlTotals };
}
