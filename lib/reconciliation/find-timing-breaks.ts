// Timing breaks from carry-over (docs/reconciliation-format.md §5.4): when day D+1 is drafted, a key
// that is only on one bank's side on D+1 and was only on the *other* bank's side on D, with every
// committed field but the two dates equal, is a record the second bank booked a day late. D+1 lists
// it as `timing` instead of a new only-A/only-B, and D's break is closed by D+1. Done at drafting, from
// D's open breaks and the two days' side files, so the merge-join's hot loop is not touched. Node-only.
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { db, runQuery } from '../db/sql';
import type { PgTransaction } from '../db/with-pg-transaction';
import { toHex } from '../proof/hex';
import type { StatementBreak } from './reconciliation-statement';
import { COMMITTED_FIELDS, FIELD_COUNT } from './row-format';
import { readFully, sideFilePaths } from './side-files';
import { RECORD_COMMITMENTS, SIDE_RECORD_LENGTH } from './side-record';

/** The fields a late booking may change: the other bank books it on its own accounting and value dates. */
const DATE_FIELDS = new Set<number>([COMMITTED_FIELDS.indexOf('accountingDate'), COMMITTED_FIELDS.indexOf('valueDate')]);

export interface TimingCarryOver {
  /** D: the previous business date, and its statement (which stays as signed). */
  previous: { businessDate: string; statementId: string; sha256: string };
  /** Ordinals of D's breaks that D+1 closes. */
  closedOrdinals: number[];
}

/** The day before a YYYY-MM-DD date. */
export function previousBusinessDate(businessDate: string): string {
  const day = new Date(`${businessDate}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/**
 * D+1's break list with the keys that close one of D's open only-A/only-B breaks turned into `timing`
 * (same order, same indices: the side the key is in on D+1), and which of D's breaks they close; the
 * list unchanged and null when D has no statement or nothing closes.
 */
export async function findTimingBreaks({
  tx,
  storageDir,
  pairId,
  businessDate,
  breaks,
  sideDirectories,
}: {
  tx: PgTransaction;
  storageDir: string;
  pairId: string;
  businessDate: string;
  breaks: StatementBreak[];
  /** D+1's side directories (relative to storageDir). */
  sideDirectories: { a: string; b: string };
}): Promise<{ breaks: StatementBreak[]; carryOver: TimingCarryOver | null }> {
  const onlyOneSide = breaks.filter((item) => item.class === 'only-a' || item.class === 'only-b');
  if (onlyOneSide.length === 0) return { breaks, carryOver: null };
  const previousDate = previousBusinessDate(businessDate);
  // D's statement exists whenever D had both sides: D's upload window closes before D+1's opens.
  const [previous] = await runQuery(
    tx,
    db.selectFrom('reconciliation_statement').select(['id', 'sha256']).where('pair_id', '=', pairId).where('business_date', '=', previousDate),
  );
  if (!previous) return { breaks, carryOver: null };
  const open = await runQuery(
    tx,
    db
      .selectFrom('reconciliation_break')
      .select(['ordinal', 'class', 'key', 'index_a', 'index_b'])
      .where('statement_id', '=', previous.id)
      .where('class', 'in', ['only_a', 'only_b'])
      .where('closed_by_date', 'is', null),
  );
  if (open.length === 0) return { breaks, carryOver: null };
  const openByKey = new Map(open.map((row) => [toHex(row.key), row]));
  const previousSides = await runQuery(
    tx,
    db.selectFrom('reconciliation_side').select(['bank', 'directory']).where('pair_id', '=', pairId).where('business_date', '=', previousDate),
  );
  const previousDirectory = (bank: 'A' | 'B') => previousSides.find((side) => side.bank === bank)!.directory;

  const readers = new CommitmentReaders(storageDir);
  try {
    const closedOrdinals: number[] = [];
    const result = breaks.map((item): StatementBreak => {
      if (item.class !== 'only-a' && item.class !== 'only-b') return item;
      const earlier = openByKey.get(item.key);
      // Only the other bank's booking closes a break: the same bank's key on two days is two records.
      if (!earlier || earlier.class === (item.class === 'only-a' ? 'only_a' : 'only_b')) return item;
      const before = earlier.class === 'only_a' ? readers.read(previousDirectory('A'), earlier.index_a!) : readers.read(previousDirectory('B'), earlier.index_b!);
      const now = item.class === 'only-a' ? readers.read(sideDirectories.a, item.indexA!) : readers.read(sideDirectories.b, item.indexB!);
      const differing: string[] = [];
      for (let f = 0; f < FIELD_COUNT; f++) {
        if (!equalBytes(before, now, f * 32, 32)) {
          if (!DATE_FIELDS.has(f)) return item; // another amount, status or currency: two breaks, not a late booking
          differing.push(COMMITTED_FIELDS[f]);
        }
      }
      closedOrdinals.push(earlier.ordinal);
      return { ...item, class: 'timing', fields: differing };
    });
    if (closedOrdinals.length === 0) return { breaks, carryOver: null };
    return {
      breaks: result,
      carryOver: { previous: { businessDate: previousDate, statementId: previous.id, sha256: toHex(previous.sha256) }, closedOrdinals },
    };
  } finally {
    readers.close();
  }
}

/** The nine commitments of a side record by leaf index, one open file per side. */
class CommitmentReaders {
  private readonly files = new Map<string, number>();
  constructor(private readonly storageDir: string) {}

  read(directory: string, index: number): Uint8Array {
    let fd = this.files.get(directory);
    if (fd === undefined) {
      fd = openSync(sideFilePaths(path.join(this.storageDir, directory)).rows, 'r');
      this.files.set(directory, fd);
    }
    const commitments = new Uint8Array(FIELD_COUNT * 32);
    if (readFully(fd, commitments, index * SIDE_RECORD_LENGTH + RECORD_COMMITMENTS) !== commitments.length) {
      throw new Error(`Side ${directory} has no record ${index}.`);
    }
    return commitments;
  }

  close(): void {
    for (const fd of this.files.values()) closeSync(fd);
  }
}

function equalBytes(x: Uint8Array, y: Uint8Array, at: number, length: number): boolean {
  for (let i = at; i < at + length; i++) if (x[i] !== y[i]) return false;
  return true;
}
