// The published test vectors of docs/reconciliation-format.md (§8), made from fixed inputs so that
// they come out byte-identical every time: key derivation, row commitments, a small pair of sides,
// valid proofs of every kind and edge, each proof spoiled in every applicable way, statements
// refused with their issues, and both sides as blind carriers (§14) with blind sides refused. Run `npx tsx lib/reconciliation/reconciliation-vectors.ts --write` to
// rewrite docs/vectors/reconciliation; reconciliation-vectors.test.ts checks the files match.
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../proof/hex';
import { commitRow, rowSeed } from './commit-row';
import { blindSideText, blindStatement } from './blind-statement';
import { commitBlindSide } from './commit-blind-side';
import { commitSide } from './commit-side';
import { StatementRejectedError } from './statement-rejected-error';
import { derivePairKeys } from './derive-pair-keys';
import { encodeGbk } from '../testing/encode-gbk';
import { generateStatementRows, rowsToCsv, SPEC_FIXED_WIDTH_FIELDS } from './generate-statement-rows';
import { mergeJoinSides } from './merge-join-sides';
import { mintAbsenceProof, mintFieldMismatchProof, mintInclusionProof } from './mint-reconciliation-proofs';
import { mutationsFor } from './mutate-proof';
import { makeReconciliationCertificateVectors } from './reconciliation-certificate-vectors';
import type { AbsenceProof, FieldMismatchProof, InclusionProof, ReconciliationProof } from './reconciliation-proof-schema';
import { COMMITTED_FIELDS, type ReconciliationRow } from './row-format';
import { SideTree } from './side-tree';
import { verifyReconciliationProof } from './verify-reconciliation-proof';

export const VECTORS_DIRECTORY = join(import.meta.dirname, '../../docs/vectors/reconciliation');
export const VECTOR_PAIR_KEY = Uint8Array.from({ length: 32 }, (_, i) => i);

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function* textSource(text: string | Uint8Array) {
  yield typeof text === 'string' ? new TextEncoder().encode(text) : text;
}

/** The §2.3 worked example's layout: GBK, yuan, the banks' Chinese spellings of types and statuses. */
const FIXED_WIDTH_GBK_MAP = {
  carrier: 'fixed-width',
  encoding: 'gbk',
  amountUnit: 'yuan',
  headerLine: true,
  fields: SPEC_FIXED_WIDTH_FIELDS,
  values: {
    type: { 放款: 'disbursement', 还本: 'principal_repayment', 还息: 'interest_repayment', 罚息: 'penalty_repayment', 费用: 'fee', 冲正: 'reversal', 核销: 'write_off', 回购: 'buy_back' },
    status: { 成功: 'settled', 处理: 'pending', 失败: 'failed' },
  },
} as const;

/** Rows in FIXED_WIDTH_GBK_MAP's layout, GBK bytes, CR LF line ends, after a header line. */
function rowsToGbkFixedWidth(rows: readonly ReconciliationRow[]): Uint8Array {
  const spelling = (table: Record<string, string>, value: string) => Object.keys(table).find((name) => table[name] === value)!;
  const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`.padStart(12, ' ');
  const lines = rows.map(
    (r) =>
      r.loanNumber.padEnd(16, ' ') +
      r.transactionId.padEnd(14, ' ') +
      spelling(FIXED_WIDTH_GBK_MAP.values.type, r.type) +
      r.accountingDate +
      r.valueDate +
      yuan(r.totalFen) +
      yuan(r.shareAFen) +
      yuan(r.shareBFen) +
      String(r.ratioBp).padStart(5, ' ') +
      spelling(FIXED_WIDTH_GBK_MAP.values.status, r.status) +
      r.currency,
  );
  return encodeGbk(['借据号          流水号        类型记账日期  起息日    总金额      甲方金额    乙方金额    比例 状态币种', ...lines].map((line) => `${line}\r\n`).join(''));
}

/** file name → content (text, or bytes for a file that is not UTF-8), every vector. */
export async function makeReconciliationVectors(): Promise<Map<string, string | Uint8Array>> {
  const files = new Map<string, string | Uint8Array>();
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const keys = derivePairKeys(VECTOR_PAIR_KEY);

  const rows = generateStatementRows({ count: 6, seed: 42 });
  files.set(
    'commitments.json',
    json({
      pairKey: toHex(VECTOR_PAIR_KEY),
      matchKey: toHex(keys.matchKey),
      saltKey: toHex(keys.saltKey),
      rows: rows.slice(0, 3).map((row) => {
        const c = commitRow(keys, row);
        return {
          row,
          key: toHex(c.key),
          rowSeed: toHex(rowSeed(keys, c.key)),
          fields: COMMITTED_FIELDS.map((field, f) => ({ field, value: decode(c.values[f]), salt: toHex(c.salts[f]), commitment: toHex(c.commitments[f]) })),
          fieldsRoot: toHex(c.fieldsRoot),
          leafHash: toHex(c.leafHash),
        };
      }),
    }),
  );

  // A pair of sides: B lacks rows[1], has an extra rows[5], and disagrees on rows[2]'s status.
  const sideARows = rows.slice(0, 5);
  const changed: ReconciliationRow = { ...rows[2], status: rows[2].status === 'settled' ? 'failed' : 'settled' };
  const sideBRows = [rows[0], changed, rows[3], rows[4], rows[5]];
  const dir = await mkdtemp(join(tmpdir(), 'recon-vectors-'));
  try {
    const columnMap = { carrier: 'csv', encoding: 'utf-8' } as const;
    const a = await commitSide({ source: textSource(rowsToCsv(sideARows)), columnMap, keys, directory: join(dir, 'a') });
    const b = await commitSide({ source: textSource(rowsToCsv(sideBRows)), columnMap, keys, directory: join(dir, 'b') });
    const empty = await commitSide({ source: textSource(rowsToCsv([])), columnMap, keys, directory: join(dir, 'empty') });
    files.set('side-a.csv', rowsToCsv(sideARows));
    files.set('side-b.csv', rowsToCsv(sideBRows));
    const result = mergeJoinSides({ a, b });
    files.set(
      'sides.json',
      json({
        a: { root: toHex(a.root), rowCount: a.rowCount },
        b: { root: toHex(b.root), rowCount: b.rowCount },
        empty: { root: toHex(empty.root), rowCount: empty.rowCount },
        breaks: result.breaks.map((x) => ({ class: x.class, key: toHex(x.key), indexA: x.indexA, indexB: x.indexB, fields: x.fields })),
        matched: result.matched,
      }),
    );

    const treeA = await SideTree.open(a.directory);
    const treeB = await SideTree.open(b.directory);
    const treeEmpty = await SideTree.open(empty.directory);
    const onlyA = result.breaks.find((x) => x.class === 'only-a')!;
    const mismatch = result.breaks.find((x) => x.class === 'field-mismatch')!;
    const keyBelow = new Uint8Array(32);
    const keyAbove = new Uint8Array(32).fill(0xff);
    const valid: [string, ReconciliationProof][] = [
      ['inclusion', mintInclusionProof(treeA, onlyA.indexA!)],
      ['inclusion.last-leaf', mintInclusionProof(treeA, a.rowCount - 1)],
      ['absence.only-a-row', mintAbsenceProof(treeB, onlyA.key)],
      ['absence.between', mintAbsenceProof(treeB, keyJustAbove(treeB.key(3)))],
      ['absence.before-first', mintAbsenceProof(treeB, keyBelow)],
      ['absence.after-last', mintAbsenceProof(treeB, keyAbove)],
      ['absence.empty-side', mintAbsenceProof(treeEmpty, onlyA.key)],
      ['field-mismatch', mintFieldMismatchProof({ a: treeA, b: treeB, key: mismatch.key, field: mismatch.fields![0], keys })],
      ['field-mismatch.unopened', mintFieldMismatchProof({ a: treeA, b: treeB, key: mismatch.key, field: mismatch.fields![0] })],
    ];
    // A row both banks committed alike, for the matched certificate (section 12.8).
    const matchedIndex = Array.from({ length: a.rowCount }, (_, i) => i).find((i) => !result.breaks.some((x) => x.indexA === i))!;
    const matchedInclusion = mintInclusionProof(treeA, matchedIndex);
    [treeA, treeB, treeEmpty].forEach((tree) => tree.close());

    // Each proof is checked against the side(s) in sides.json, as a verifier holding the signed
    // statement would: without them a proof cannot pin the row count (§6.4).
    const sideJson = (side: typeof a) => ({ root: toHex(side.root), rowCount: side.rowCount });
    const trustedFor = (name: string): { trusted: 'a' | 'b' | 'empty' | 'a+b' } =>
      name.startsWith('inclusion') ? { trusted: 'a' } : name === 'absence.empty-side' ? { trusted: 'empty' } : name.startsWith('absence') ? { trusted: 'b' } : { trusted: 'a+b' };
    const trustedSides = (which: string) =>
      which === 'a' ? { side: sideJson(a) } : which === 'b' ? { side: sideJson(b) } : which === 'empty' ? { side: sideJson(empty) } : { a: sideJson(a), b: sideJson(b) };
    const manifest: { file: string; mode?: 'blind'; columnMap?: string; side?: string; trusted?: string; valid: boolean; code?: string; issues?: unknown[] }[] = [];
    for (const [name, proof] of valid) {
      const file = `valid.${name}.json`;
      const { trusted } = trustedFor(name);
      files.set(file, json(proof));
      if (!verifyReconciliationProof(proof, trustedSides(trusted)).valid) throw new Error(`${file} does not verify.`);
      manifest.push({ file, trusted, valid: true });
      for (const [mutation, bad] of mutationsFor(proof)) {
        const badFile = `fail.${name}.${mutation}.json`;
        if (files.has(badFile)) continue;
        const verdict = verifyReconciliationProof(bad, trustedSides(trusted));
        if (verdict.valid) throw new Error(`${badFile} verifies: the mutation did not spoil it.`);
        files.set(badFile, json(bad));
        manifest.push({ file: badFile, trusted, valid: false, code: verdict.code });
      }
    }

    // Statements refused whole, with the issues a reader must report.
    const lines = rowsToCsv(sideARows).split('\n');
    const refused: Record<string, string> = {
      'statement.fail.shares-do-not-sum.csv': [lines[0], lines[1].replace(/,(\d+),(\d+),(\d+),/, (_m, t, x, y) => `,${t},${x},${Number(y) + 1},`), ...lines.slice(2)].join('\n'),
      'statement.fail.duplicate-key.csv': [...lines.slice(0, 4), lines[2], ...lines.slice(4)].join('\n'),
      'statement.fail.bad-date-and-type.csv': [lines[0], lines[1].replace(/,2026-12-01,/, ',2026-13-01,').replace(/^([^,]+,[^,]+),[^,]+,/, '$1,loan,'), ...lines.slice(2)].join('\n'),
    };
    for (const [file, text] of Object.entries(refused)) {
      files.set(file, text);
      const error = await commitSide({ source: textSource(text), columnMap, keys, directory: join(dir, file) }).catch((e: unknown) => e);
      if (!(error instanceof StatementRejectedError)) throw new Error(`${file} was accepted.`);
      manifest.push({ file, valid: false, issues: error.issues.map((i) => ({ line: i.line, field: i.field, code: i.code })) });
    }

    // Side A's day again as the GBK fixed-width file of §2.3's example: the same side (sides.json's a).
    const fixedWidth = rowsToGbkFixedWidth(sideARows);
    files.set('statement.fixed-width.map.json', json(FIXED_WIDTH_GBK_MAP));
    files.set('statement.valid.fixed-width.gbk.txt', fixedWidth);
    const fromFixedWidth = await commitSide({ source: textSource(fixedWidth), columnMap: FIXED_WIDTH_GBK_MAP, keys, directory: join(dir, 'fixed-width') });
    if (toHex(fromFixedWidth.root) !== toHex(a.root)) throw new Error('The fixed-width statement does not give side A.');
    manifest.push({ file: 'statement.valid.fixed-width.gbk.txt', columnMap: 'statement.fixed-width.map.json', valid: true, side: 'a' });
    // Line 3 cut one byte short; line 4's type field one byte into the previous field (its 款 or other second character cut).
    const lineStarts = [0];
    fixedWidth.forEach((byte, i) => byte === 0x0a && lineStarts.push(i + 1));
    const short = Uint8Array.from([...fixedWidth.subarray(0, lineStarts[3] - 3), ...fixedWidth.subarray(lineStarts[3] - 2)]);
    const cut = fixedWidth.slice();
    cut.copyWithin(lineStarts[3] + 29, lineStarts[3] + 30, lineStarts[3] + 34);
    cut[lineStarts[3] + 33] = 0x20;
    const refusedFixedWidth = { 'statement.fail.fixed-width-short-line.gbk.txt': short, 'statement.fail.fixed-width-cut-character.gbk.txt': cut };
    for (const [file, bytes] of Object.entries(refusedFixedWidth)) {
      files.set(file, bytes);
      const error = await commitSide({ source: textSource(bytes), columnMap: FIXED_WIDTH_GBK_MAP, keys, directory: join(dir, file) }).catch((e: unknown) => e);
      if (!(error instanceof StatementRejectedError)) throw new Error(`${file} was accepted.`);
      manifest.push({ file, columnMap: 'statement.fixed-width.map.json', valid: false, issues: error.issues.map((i) => ({ line: i.line, field: i.field, code: i.code })) });
    }

    // Both days again in blind mode (§14): each bank's blind carrier, which Evident commits to the
    // same side (sides.json's a and b) without the pair key; then blind sides refused whole.
    for (const [bank, bankRows] of [['a', sideARows], ['b', sideBRows]] as const) {
      const blinded = blindStatement({ keys, rows: bankRows.map((row, i) => ({ row, line: i + 2 })) });
      if (!blinded.ok) throw new Error(`side ${bank} does not blind.`);
      const file = `blind.side-${bank}.ndjson`;
      files.set(file, blindSideText(blinded));
      const side = await commitBlindSide({ source: textSource(blindSideText(blinded)), directory: join(dir, file) });
      if (toHex(side.root) !== toHex((bank === 'a' ? a : b).root)) throw new Error(`${file} does not give side ${bank}.`);
      manifest.push({ file, mode: 'blind', valid: true, side: bank });
    }
    const blindA = blindSideText(blindStatement({ keys, rows: sideARows.map((row, i) => ({ row, line: i + 2 })) }) as Extract<ReturnType<typeof blindStatement>, { ok: true }>);
    const blindLines = blindA.trimEnd().split('\n');
    const refusedBlind: Record<string, string> = {
      'blind.fail.uppercase-hex.ndjson': [blindLines[0], blindLines[1].replace(/"key":"0x([0-9a-f]{64})"/, (_m, hex: string) => `"key":"0x${hex.toUpperCase()}"`), ...blindLines.slice(2)].join('\n'),
      'blind.fail.eight-commitments.ndjson': [blindLines[0], blindLines[1].replace(/,"0x[0-9a-f]{64}"\]/, ']'), ...blindLines.slice(2)].join('\n'),
      'blind.fail.unknown-member.ndjson': [blindLines[0], blindLines[1], blindLines[2].replace(/}$/, ',"amount":1}'), ...blindLines.slice(3)].join('\n'),
      'blind.fail.duplicate-member.ndjson': [blindLines[0], blindLines[1], blindLines[2], blindLines[3].replace(/^\{("key":"0x[0-9a-f]{64}"),/, '{$1,$1,'), ...blindLines.slice(4)].join('\n'),
      'blind.fail.row-count.ndjson': blindLines.slice(0, -1).join('\n'),
      'blind.fail.duplicate-key.ndjson': (() => {
        const header = JSON.parse(blindLines[0]);
        const cell = Object.values(header.controlTotals as Record<string, { count: number }>).find((c) => c.count > 0)!;
        cell.count += 1;
        header.rowCount += 1;
        return [JSON.stringify(header), ...blindLines.slice(1), blindLines[2]].join('\n');
      })(),
    };
    for (const [file, text] of Object.entries(refusedBlind)) {
      files.set(file, `${text}\n`);
      const error = await commitBlindSide({ source: textSource(`${text}\n`), directory: join(dir, file) }).catch((e: unknown) => e);
      if (!(error instanceof StatementRejectedError)) throw new Error(`${file} was accepted.`);
      manifest.push({ file, mode: 'blind', valid: false, issues: error.issues.map((i) => ({ line: i.line, code: i.code })) });
    }
    files.set('manifest.json', json(manifest));

    const proofNamed = (name: string) => valid.find(([n]) => n === name)![1];
    const certificates = await makeReconciliationCertificateVectors({
      sides: { a: sideJson(a), b: sideJson(b) },
      matched: matchedInclusion,
      onlyAInclusion: proofNamed('inclusion') as InclusionProof,
      onlyAAbsence: proofNamed('absence.only-a-row') as AbsenceProof,
      fieldMismatch: proofNamed('field-mismatch') as FieldMismatchProof,
    });
    for (const [file, content] of certificates) files.set(file, content);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return files;
}

/** The next 256-bit number: absent from a side whose keys are random, and between `key` and the next. */
function keyJustAbove(key: Uint8Array): Uint8Array {
  const out = key.slice();
  for (let i = 31; i >= 0; i--) {
    out[i] = (out[i] + 1) % 256;
    if (out[i] !== 0) break;
  }
  return out;
}

export async function writeReconciliationVectors(): Promise<void> {
  const files = await makeReconciliationVectors();
  await mkdir(VECTORS_DIRECTORY, { recursive: true });
  for (const old of await readdir(VECTORS_DIRECTORY)) if (!files.has(old)) await rm(join(VECTORS_DIRECTORY, old));
  for (const [name, content] of files) await writeFile(join(VECTORS_DIRECTORY, name), content);
  console.log(`Wrote ${files.size} files to ${VECTORS_DIRECTORY}`);
}

if (process.argv.includes('--write') && process.argv[1]?.endsWith('reconciliation-vectors.ts')) await writeReconciliationVectors();
