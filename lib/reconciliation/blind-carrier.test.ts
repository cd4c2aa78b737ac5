// The blind carrier's reader refuses every malformed case of §14.1 with its line and code, and reads
// what blind-statement.ts writes back to the same keys and commitments.
import { describe, expect, it } from 'vitest';
import { BLIND_RECORD_LENGTH, BlindSideReader, blindHeaderLine, blindRecordLine, type BlindIssueCode } from './blind-carrier';
import { emptyControlTotals } from './control-totals';

const header = (rowCount: number, cell = 'fee/settled') => {
  const totals = emptyControlTotals();
  totals[cell] = { count: rowCount, totalFen: 300n, shareAFen: 100n, shareBFen: 200n };
  return blindHeaderLine({ rowCount, controlTotals: totals });
};
const record = (seed: number) => {
  const bytes = Uint8Array.from({ length: BLIND_RECORD_LENGTH }, (_, i) => (i * 7 + seed) % 256);
  return { bytes, line: blindRecordLine(bytes.subarray(0, 32), bytes.subarray(32)) };
};
const [r1, r2] = [record(1), record(2)];

function readAll(text: string, chunk = 97) {
  const reader = new BlindSideReader();
  const bytes = new TextEncoder().encode(text);
  const records = [];
  for (let i = 0; i < bytes.length; i += chunk) records.push(...reader.push(bytes.subarray(i, i + chunk)));
  records.push(...reader.finish());
  return { reader, records, issues: reader.issues.map((issue) => [issue.line, issue.code] as [number, BlindIssueCode]) };
}

describe('BlindSideReader', () => {
  it('reads a well-formed file back to its keys and commitments, with the declared totals', () => {
    const { reader, records, issues } = readAll(`${header(2)}\n${r1.line}\r\n${r2.line}`);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.line, r.record])).toEqual([
      [2, r1.bytes],
      [3, r2.bytes],
    ]);
    expect(reader.header!.rowCount).toBe(2);
    expect(reader.header!.controlTotals['fee/settled']).toEqual({ count: 2, totalFen: 300n, shareAFen: 100n, shareBFen: 200n });
  });

  it('accepts an empty day: a header with rowCount 0 and nothing after it', () => {
    expect(readAll(`${header(0)}\n`).issues).toEqual([]);
  });

  const upper = r1.line.replace(/"key":"0x([0-9a-f]{64})"/, (_m, hex: string) => `"key":"0x${hex.toUpperCase()}"`);
  const cases: [string, string, [number, BlindIssueCode][]][] = [
    ['an empty file', '', [[1, 'missing-member']]],
    ['a blank line', `${header(1)}\n\n${r1.line}\n`, [[2, 'blank-line'], [1, 'row-count-mismatch']]],
    ['not JSON', `${header(1)}\n{"key":\n`, [[2, 'invalid-json']]],
    ['a line that is not an object', `${header(1)}\n[1,2]\n`, [[2, 'not-an-object']]],
    ['a duplicate member', `${header(1)}\n${r1.line.replace('{"key"', `{"key":"0x${'0'.repeat(64)}","key"`)}\n`, [[2, 'duplicate-member']]],
    ['an unknown member', `${header(1)}\n${r1.line.replace(/}$/, ',"totalFen":1}')}\n`, [[2, 'unknown-member']]],
    ['a missing member', `${header(1)}\n{"key":"0x${'1'.repeat(64)}"}\n`, [[2, 'missing-member']]],
    ['upper-case hex', `${header(1)}\n${upper}\n`, [[2, 'invalid-hex']]],
    ['a short hash', `${header(1)}\n${r1.line.replace(/"0x[0-9a-f]{64}"\]/, '"0xab"]')}\n`, [[2, 'invalid-hex']]],
    ['eight commitments', `${header(1)}\n${r1.line.replace(/,"0x[0-9a-f]{64}"\]/, ']')}\n`, [[2, 'wrong-commitment-count']]],
    ['ten commitments', `${header(1)}\n${r1.line.replace(/\]}$/, `,"0x${'2'.repeat(64)}"]}`)}\n`, [[2, 'wrong-commitment-count']]],
    ['a header of another format', `${header(1).replace('blind-side', 'blind-statement')}\n${r1.line}\n`, [[1, 'invalid-header']]],
    ['a header of version 2', `${header(1).replace('"version":1', '"version":2')}\n${r1.line}\n`, [[1, 'invalid-header']]],
    ['a count written 1.0', `${header(1).replace('"rowCount":1', '"rowCount":1.0')}\n${r1.line}\n`, [[1, 'invalid-json']]],
    ['a header missing a cell', `${header(1).replace(/"fee\/pending":\{[^}]*\},/, '')}\n${r1.line}\n`, [[1, 'invalid-header']]],
    ['a sum written as a number', `${header(1).replace('"totalFen":"300"', '"totalFen":300')}\n${r1.line}\n`, [[1, 'invalid-header']]],
    ['a header with an unknown member', `${header(1).replace(/}$/, ',"bank":"A"}')}\n${r1.line}\n`, [[1, 'unknown-member']]],
    ['no header at all', `${r1.line}\n${r2.line}\n`, [[1, 'missing-member'], [1, 'missing-member'], [1, 'missing-member'], [1, 'missing-member'], [1, 'unknown-member'], [1, 'unknown-member']].sort() as [number, BlindIssueCode][]],
    ['a row count that is not the file’s', `${header(3)}\n${r1.line}\n${r2.line}\n`, [[1, 'row-count-mismatch']]],
    ['control totals that do not count rowCount rows', `${header(2).replace('"rowCount":2', '"rowCount":1')}\n${r1.line}\n`, [[1, 'control-totals-mismatch']]],
  ];
  for (const [name, text, expected] of cases) {
    it(`refuses ${name}, naming the line and the code`, () => {
      const { issues, reader } = readAll(text);
      expect([...issues].sort()).toEqual([...expected].sort());
      expect(reader.issues.every((issue) => issue.message.length > 10)).toBe(true);
    });
  }
});
