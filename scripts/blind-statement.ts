// The bank's command for a blind pair (docs/reconciliation-format.md §14): reads the bank's own
// statement (CSV, NDJSON or fixed-width, through its column map, exactly as open mode's ingest reads
// it), commits every row with the pair key the two banks share, and writes the blind carrier, keys and
// commitments only, to stdout for upload. A statement with any issue is refused whole, as Evident
// refuses it in open mode: the issues go to stderr and the exit code is 1. With --open, it writes
// instead the openings body of one key's differing fields (POST …/breaks/{ordinal}/openings).
//   npm run reconciliation:blind -- --pair-key <file> --column-map <file> <statement> > blind.ndjson
//   npm run reconciliation:blind -- --pair-key <file> --column-map <file> --open 0x<key> --fields shareAFen,shareBFen <statement>
// The pair key file holds the 32-byte key as 64 hex digits (0x optional); the column map file is the
// bank's map as JSON (§2.3). The side's row count and root go to stderr: the receipt must state them.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { fromHex, toHex } from '../lib/proof/hex';
import { blindOpeningsFor, blindSideLines, blindStatement } from '../lib/reconciliation/blind-statement';
import { derivePairKeys } from '../lib/reconciliation/derive-pair-keys';
import { columnMapSchema } from '../lib/reconciliation/reconciliation-schemas';
import { COMMITTED_FIELDS, type CommittedField } from '../lib/reconciliation/row-format';
import { StatementReader, type ReadRow, type StatementIssue } from '../lib/reconciliation/statement-reader';

const USAGE =
  'usage: npm run reconciliation:blind -- --pair-key <file> --column-map <file> [--open 0x<key> --fields <field,…>] <statement>';

/** Issues printed on a refusal; the count covers them all. */
const SHOWN_ISSUES = 20;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'pair-key': { type: 'string' }, 'column-map': { type: 'string' }, open: { type: 'string' }, fields: { type: 'string' } },
  });
  if (!values['pair-key'] || !values['column-map'] || positionals.length !== 1 || (values.open === undefined) !== (values.fields === undefined)) {
    console.error(USAGE);
    return 2;
  }
  const keyText = (await readFile(values['pair-key'], 'utf8')).trim();
  const keys = derivePairKeys(fromHex(keyText.startsWith('0x') ? keyText.toLowerCase() : `0x${keyText.toLowerCase()}`, 32));
  const parsedMap = columnMapSchema.safeParse(JSON.parse(await readFile(values['column-map'], 'utf8')));
  if (!parsedMap.success) {
    console.error(`The column map is not valid: ${parsedMap.error.issues.map((issue) => `${issue.path.join('.') || '$'}: ${issue.message}`).join('; ')}`);
    return 2;
  }

  const reader = new StatementReader(parsedMap.data);
  const rows: ReadRow[] = [];
  for await (const chunk of createReadStream(positionals[0])) rows.push(...reader.push(chunk as Uint8Array));
  rows.push(...reader.finish());
  if (reader.issueCount > 0) return refuse(reader.issues, reader.issueCount);

  if (values.open !== undefined) {
    const fields = values.fields!.split(',').map((field) => field.trim());
    const unknown = fields.filter((field) => !(COMMITTED_FIELDS as readonly string[]).includes(field));
    if (unknown.length > 0) {
      console.error(`--fields: ${unknown.join(', ')} is not a committed field (${COMMITTED_FIELDS.join(', ')}).`);
      return 2;
    }
    const body = blindOpeningsFor({ keys, rows, key: fromHex(values.open.toLowerCase(), 32), fields: fields as CommittedField[] });
    if (!body) {
      console.error(`No row of the statement has the key ${values.open} under this pair key.`);
      return 1;
    }
    process.stdout.write(`${JSON.stringify(body)}\n`);
    return 0;
  }

  const statement = blindStatement({ keys, rows });
  if (!statement.ok) return refuse(statement.issues, statement.issues.length);
  for (const line of blindSideLines(statement)) {
    if (!process.stdout.write(`${line}\n`)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
  console.error(`blind side: ${statement.header.rowCount} row(s), root ${toHex(statement.root)}`);
  return 0;
}

function refuse(issues: StatementIssue[], count: number): number {
  console.error(`The statement is refused whole: ${count} issue(s).`);
  for (const issue of issues.slice(0, SHOWN_ISSUES)) console.error(`  line ${issue.line}${issue.field ? `, ${issue.field}` : ''}: ${issue.code}: ${issue.message}`);
  if (count > SHOWN_ISSUES) console.error(`  … and ${count - SHOWN_ISSUES} more.`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`failed: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
