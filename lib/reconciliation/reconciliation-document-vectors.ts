// The vectors of docs/reconciliation-format.md §9–§10 (side receipts and the day's statement), in
// docs/vectors/reconciliation-documents/: receipts for the two sides of §8's vector day (side-a.csv,
// side-b.csv committed with §8's pair key), the next day's receipt chained to the first, the day's
// statement with its break list, and documents spoiled in each way a verifier must catch. Signed with
// the published test keys (docs/proof-format.md §9.7; deterministic RFC 6979 signatures, fixed times),
// so they come out byte-identical every time. Each case's outcome is stated here by hand, and the
// generator refuses to write a case the reference verifier does not report so.
// `npx tsx lib/reconciliation/reconciliation-document-vectors.ts --write` rewrites the directory.
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { SigningKey, Signature, TypedDataEncoder, Wallet } from 'ethers';
import { toHex } from '../proof/hex';
import { commitSide } from './commit-side';
import { derivePairKeys } from './derive-pair-keys';
import { mergeJoinSides } from './merge-join-sides';
import { RECONCILIATION_EIP712_DOMAIN, RECONCILIATION_EIP712_TYPES, signReconciliationDocument } from './reconciliation-signature';
import { ISSUER_TEST_KEY, OTHER_TEST_KEY } from './reconciliation-certificate-vectors';
import {
  breakListSha256,
  signStatement,
  STATEMENT_FORMAT,
  statementSha256,
  verifyStatement,
  type StatementBreak,
  type UnsignedStatement,
} from './reconciliation-statement';
import { VECTORS_DIRECTORY, VECTOR_PAIR_KEY } from './reconciliation-vectors';
import { buildSideReceipt, SIDE_RECEIPT_FORMAT, sideReceiptSha256, signSideReceipt, verifySideReceipt, type SideReceipt } from './side-receipt';

export const DOCUMENT_VECTORS_DIRECTORY = join(import.meta.dirname, '../../docs/vectors/reconciliation-documents');

const PAIR_ID = '6f1c2b7e-4d3a-4e8b-9c1d-2a3b4c5d6e7f';
const DAY = '2026-12-01';
const NEXT_DAY = '2026-12-02';
const ISSUER_NAME = 'Evident (test vectors)';

type Kind = 'side-receipt' | 'statement';

export interface DocumentVectorCase {
  file: string;
  kind: Kind;
  valid: boolean;
  /** The code the reference verifier reports (side-receipt.ts / reconciliation-statement.ts). */
  code?: string;
  /** What the case spoils, in a sentence. */
  description: string;
  /** Receipts: the same bank's previous receipt to check the chain against ("none": the bank's first day). */
  previous?: string;
  /** Statements: the break list to check against the statement. */
  breaks?: string;
  /** Valid documents: SHA-256 of the canonical bytes without `signature`, and the EIP-712 digest signed. */
  sha256?: string;
  eip712Digest?: string;
}

async function* textSource(text: Uint8Array) {
  yield text;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The same signature with s replaced by n − s and v flipped: recovers the same key, but is not canonical (§9, EIP-2). */
function highSTwin(value: string): string {
  const signature = Signature.from(value);
  const n = BigInt('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141');
  const s = n - BigInt(signature.s);
  const v = signature.v === 27 ? 28 : 27;
  return `${signature.r}${s.toString(16).padStart(64, '0')}${v.toString(16)}`.toLowerCase();
}

function eip712Digest(format: string, digest: string): string {
  return TypedDataEncoder.hash({ ...RECONCILIATION_EIP712_DOMAIN }, { ReconciliationDocument: [...RECONCILIATION_EIP712_TYPES.ReconciliationDocument] }, { format, sha256: digest });
}

/** file name → content, every vector of the directory. */
export async function makeReconciliationDocumentVectors(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const cases: DocumentVectorCase[] = [];
  const issuer = new Wallet(ISSUER_TEST_KEY);
  const other = new Wallet(OTHER_TEST_KEY);
  const issuerOf = (wallet: Wallet) => ({ name: ISSUER_NAME, address: wallet.address.toLowerCase() });
  const keys = derivePairKeys(VECTOR_PAIR_KEY);

  // §8's vector day, committed as Evident commits an upload.
  const csv = { a: await readFile(join(VECTORS_DIRECTORY, 'side-a.csv')), b: await readFile(join(VECTORS_DIRECTORY, 'side-b.csv')) };
  const dir = await mkdtemp(join(tmpdir(), 'recon-document-vectors-'));
  let committed;
  try {
    const columnMap = { carrier: 'csv', encoding: 'utf-8' } as const;
    const a = await commitSide({ source: textSource(csv.a), columnMap, keys, directory: join(dir, 'a') });
    const b = await commitSide({ source: textSource(csv.b), columnMap, keys, directory: join(dir, 'b') });
    const rules = [{ name: 'split-rounding' as const, maxFen: 1 }];
    committed = { a, b, rules, result: mergeJoinSides({ a, b, rules }) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const { a, b, rules, result } = committed;

  const receiptInput = (side: typeof a, file: Uint8Array, businessDate: string, previous: string | null, committedAt: string) => ({
    pairId: PAIR_ID,
    businessDate,
    bank: 'A' as const,
    fileSha256: toHex(sha256(file)),
    fileSize: file.byteLength,
    root: toHex(side.root),
    rowCount: side.rowCount,
    controlTotals: side.controlTotals,
    previousReceiptSha256: previous,
    committedAt: new Date(committedAt),
    issuer: issuerOf(issuer),
  });
  const receipt = (bank: 'A' | 'B', businessDate: string, previous: string | null, committedAt: string, wallet = issuer) => {
    const side = bank === 'A' ? a : b;
    const file = bank === 'A' ? csv.a : csv.b;
    return buildSideReceipt({
      pairId: PAIR_ID,
      businessDate,
      bank,
      fileSha256: toHex(sha256(file)),
      fileSize: file.byteLength,
      root: toHex(side.root),
      rowCount: side.rowCount,
      controlTotals: side.controlTotals,
      previousReceiptSha256: previous,
      committedAt: new Date(committedAt),
      issuer: issuerOf(wallet),
    });
  };
  const receiptA = await signSideReceipt(receipt('A', DAY, null, '2026-12-02T01:02:03.456Z'), issuer);
  const receiptB = await signSideReceipt(receipt('B', DAY, null, '2026-12-02T01:17:45.001Z'), issuer);
  // The same file again on the next day, for the chain: it names receipt A's digest.
  const receiptANext = await signSideReceipt(receipt('A', NEXT_DAY, sideReceiptSha256(receiptA), '2026-12-03T00:58:10.000Z'), issuer);

  const add = (entry: DocumentVectorCase, content: string) => {
    files.set(entry.file, content);
    cases.push(entry);
  };
  const validReceipt = (file: string, signed: SideReceipt, description: string, previous: string) =>
    add(
      { file, kind: 'side-receipt', valid: true, description, previous, sha256: sideReceiptSha256(signed), eip712Digest: eip712Digest(SIDE_RECEIPT_FORMAT, sideReceiptSha256(signed)) },
      json(signed),
    );
  validReceipt('receipt.valid.a.json', receiptA, "Bank A's receipt for side-a.csv on 2026-12-01, its first day.", 'none');
  validReceipt('receipt.valid.b.json', receiptB, "Bank B's receipt for side-b.csv on 2026-12-01, its first day.", 'none');
  validReceipt('receipt.valid.a.next-day.json', receiptANext, "Bank A's receipt on 2026-12-02, chained to receipt.valid.a.json.", 'receipt.valid.a.json');
  // The same side uploaded in blind mode (§14): the blind carrier, a version 2 receipt, the same root.
  const blindFile = await readFile(join(VECTORS_DIRECTORY, 'blind.side-a.ndjson'));
  const receiptABlind = await signSideReceipt(buildSideReceipt({ ...receiptInput(a, blindFile, DAY, null, '2026-12-02T01:05:00.000Z'), mode: 'blind' }), issuer);
  validReceipt(
    'receipt.valid.a.blind.json',
    receiptABlind,
    "Bank A's receipt for blind.side-a.ndjson (a blind pair, version 2): the same side as side-a.csv, its control totals declared by the bank.",
    'none',
  );

  const bad = (file: string, code: string, description: string, content: string, previous?: string) =>
    add({ file, kind: 'side-receipt', valid: false, code, description, ...(previous ? { previous } : {}) }, content);
  const { signature: _signature, ...bodyA } = receiptA;
  const resigned = async (body: Record<string, unknown>, wallet = issuer, format = SIDE_RECEIPT_FORMAT) =>
    json({ ...body, signature: await signReconciliationDocument(format, body, wallet) });
  const textA = json(receiptA);

  bad('receipt.fail.edited-after-signing.json', 'receipt.signature-invalid', "The side's root edited after signing.", json({ ...receiptA, side: { ...receiptA.side, root: toHex(b.root) } }));
  bad(
    'receipt.fail.other-signer.json',
    'receipt.signature-invalid',
    'Signed by another key than the issuer it names.',
    json({ ...receiptA, signature: await signReconciliationDocument(SIDE_RECEIPT_FORMAT, bodyA, other) }),
  );
  bad('receipt.fail.untrusted-issuer.json', 'receipt.untrusted-issuer', 'Signed by the key it names, which is not the pinned issuer.', await resigned({ ...bodyA, issuer: issuerOf(other) }, other));
  bad('receipt.fail.high-s.json', 'receipt.signature-invalid', "The valid signature's high-s twin (same key, not canonical).", json({ ...receiptA, signature: { scheme: 'eip712', value: highSTwin(receiptA.signature.value) } }));
  bad(
    'receipt.fail.signed-as-statement.json',
    'receipt.signature-invalid',
    'The receipt signed with the statement format string: a signature is bound to its document kind.',
    json({ ...receiptA, signature: await signReconciliationDocument(STATEMENT_FORMAT, bodyA, issuer) }),
  );
  bad('receipt.fail.upper-case-hex.json', 'receipt.malformed', 'The root in upper-case hex (re-signed).', await resigned({ ...bodyA, side: { ...bodyA.side, root: `0x${bodyA.side.root.slice(2).toUpperCase()}` } }));
  bad('receipt.fail.unknown-member.json', 'receipt.malformed', 'A member the format does not have (re-signed).', await resigned({ ...bodyA, mode: 'open' }));
  bad('receipt.fail.duplicate-member.json', 'receipt.malformed', '"bank" twice; the last is the signed one.', textA.replace('  "bank": "A",\n', '  "bank": "B",\n  "bank": "A",\n'));
  const { 'fee/failed': _dropped, ...twentyThree } = bodyA.controlTotals;
  bad('receipt.fail.missing-cell.json', 'receipt.malformed', 'A control-total cell left out (re-signed): all 24 are present.', await resigned({ ...bodyA, controlTotals: twentyThree }));
  bad(
    'receipt.fail.counts-do-not-add-up.json',
    'receipt.malformed',
    "The row count one more than the cells' counts add up to (re-signed).",
    await resigned({ ...bodyA, side: { ...bodyA.side, rowCount: bodyA.side.rowCount + 1 } }),
  );
  bad('receipt.fail.sum-not-decimal.json', 'receipt.malformed', 'A sum as a JSON number instead of a decimal string (re-signed).', await resigned({ ...bodyA, controlTotals: { ...bodyA.controlTotals, 'fee/failed': { ...bodyA.controlTotals['fee/failed'], totalFen: 0 } } }));
  bad('receipt.fail.committed-at-seconds.json', 'receipt.malformed', 'committedAt without its milliseconds (re-signed).', await resigned({ ...bodyA, committedAt: '2026-12-02T01:02:03Z' }));
  bad('receipt.fail.committed-at-offset.json', 'receipt.malformed', 'committedAt with a +08:00 offset instead of Z (re-signed).', await resigned({ ...bodyA, committedAt: '2026-12-02T09:02:03.456+08:00' }));
  bad('receipt.fail.not-a-calendar-date.json', 'receipt.malformed', 'businessDate 2026-02-30 (re-signed).', await resigned({ ...bodyA, businessDate: '2026-02-30' }));
  const { signature: _blindSignature, ...bodyABlind } = receiptABlind;
  bad('receipt.fail.blind-as-version-1.json', 'receipt.malformed', 'A blind receipt that says version 1 (re-signed): mode and controlTotalsDeclared are version 2 members.', await resigned({ ...bodyABlind, version: 1 }));
  bad('receipt.fail.upper-case-pair-id.json', 'receipt.malformed', 'pairId in upper case (re-signed).', await resigned({ ...bodyA, pairId: PAIR_ID.toUpperCase() }));
  bad(
    'receipt.fail.chain-broken.json',
    'receipt.chain-broken',
    "A next-day receipt naming bank B's receipt as bank A's previous one (re-signed).",
    await resigned({ ...(({ signature: _s, ...body }) => body)(receiptANext), previousReceiptSha256: sideReceiptSha256(receiptB) }),
    'receipt.valid.a.json',
  );

  // The day's statement, as draft-day-statement.ts writes it for these two sides.
  const breaks: StatementBreak[] = result.breaks.map((item) => ({
    class: item.class,
    key: toHex(item.key),
    fields: item.fields ?? [],
    rule: null,
    indexA: item.indexA ?? null,
    indexB: item.indexB ?? null,
  }));
  if (result.tolerated.length > 0) throw new Error('The vector day was meant to have no row within tolerance.');
  const statementBody: UnsignedStatement = {
    format: STATEMENT_FORMAT,
    version: 1,
    pairId: PAIR_ID,
    businessDate: DAY,
    sides: {
      a: { root: receiptA.side.root, rowCount: receiptA.side.rowCount, receiptSha256: sideReceiptSha256(receiptA) },
      b: { root: receiptB.side.root, rowCount: receiptB.side.rowCount, receiptSha256: sideReceiptSha256(receiptB) },
    },
    counts: { matched: result.matched, matchedWithinTolerance: 0, onlyA: result.onlyA, onlyB: result.onlyB, fieldMismatch: result.fieldMismatch },
    controlTotalDifferences: result.controlTotalDifferences.map(({ cell, a: x, b: y }) => ({ cell, a: cellJson(x), b: cellJson(y) })),
    rules: rules.map((rule) => ({ ...rule, fired: 0 })),
    breaks: { count: breaks.length, sha256: breakListSha256(breaks) },
    draftedAt: '2026-12-02T01:17:46.250Z',
    issuer: issuerOf(issuer),
  };
  const statement = await signStatement(statementBody, issuer);
  files.set('statement.breaks.json', json(breaks));
  add(
    {
      file: 'statement.valid.json',
      kind: 'statement',
      valid: true,
      description: "The day's statement (version 1) for receipt.valid.a.json and receipt.valid.b.json, with its break list statement.breaks.json.",
      breaks: 'statement.breaks.json',
      sha256: statementSha256(statement),
      eip712Digest: eip712Digest(STATEMENT_FORMAT, statementSha256(statement)),
    },
    json(statement),
  );
  const badStatement = (file: string, code: string, description: string, content: string, breakList = 'statement.breaks.json') =>
    add({ file, kind: 'statement', valid: false, code, description, breaks: breakList }, content);
  const { signature: _statementSignature, ...statementFields } = statement;
  const resignedStatement = async (body: Record<string, unknown>) =>
    json({ ...body, signature: await signReconciliationDocument(STATEMENT_FORMAT, body, issuer) });
  badStatement('statement.fail.edited-after-signing.json', 'statement.signature-invalid', 'draftedAt edited after signing.', json({ ...statement, draftedAt: '2026-12-02T01:17:47.250Z' }));
  badStatement(
    'statement.fail.signed-as-receipt.json',
    'statement.signature-invalid',
    'The statement signed with the side receipt format string.',
    json({ ...statement, signature: await signReconciliationDocument(SIDE_RECEIPT_FORMAT, statementFields, issuer) }),
  );
  files.set('statement.breaks.fail.reordered.json', json([...breaks].reverse()));
  badStatement('statement.fail.breaks-reordered.json', 'statement.breaks-altered', 'The valid statement, checked against its break list in another order.', json(statement), 'statement.breaks.fail.reordered.json');
  badStatement(
    'statement.fail.v1-with-carry-over.json',
    'statement.malformed',
    'Version 1 with a carryOver member (re-signed): carry-over is version 2 only.',
    await resignedStatement({ ...statementFields, carryOver: { businessDate: '2026-11-30', statementSha256: statementSha256(statement) } }),
  );
  badStatement(
    'statement.fail.counts-do-not-match-breaks.json',
    'statement.malformed',
    'breaks.count one less than the classes it counts (re-signed), the list changed to match.',
    await resignedStatement({ ...statementFields, breaks: { count: breaks.length - 1, sha256: breakListSha256(breaks.slice(1)) } }),
    'statement.breaks.fail.first-dropped.json',
  );
  files.set('statement.breaks.fail.first-dropped.json', json(breaks.slice(1)));
  badStatement(
    'statement.fail.counts-do-not-match-sides.json',
    'statement.malformed',
    "counts.matched one more, so the classes no longer add up to the sides' row counts (re-signed).",
    await resignedStatement({ ...statementFields, counts: { ...statementFields.counts, matched: statementFields.counts.matched + 1 } }),
  );

  // Every case checked with the reference verifiers before it is written.
  const read = (file: string) => files.get(file)!;
  const pinned = [issuer.address];
  for (const entry of cases) {
    const verdict =
      entry.kind === 'side-receipt'
        ? verifySideReceipt(read(entry.file), { trustedIssuers: pinned, ...(entry.previous ? { previous: entry.previous === 'none' ? null : (JSON.parse(read(entry.previous)) as SideReceipt) } : {}) })
        : verifyStatement(read(entry.file), { trustedIssuers: pinned, breaks: JSON.parse(read(entry.breaks!)) as StatementBreak[] });
    if (verdict.ok !== entry.valid || (!verdict.ok && verdict.code !== entry.code)) {
      throw new Error(`${entry.file}: expected ${entry.valid ? 'valid' : entry.code}, the verifier says ${verdict.ok ? 'valid' : `${verdict.code}: ${verdict.message}`}`);
    }
  }

  files.set(
    'documents.json',
    json({
      description: 'Side receipts (§9) and a day statement (§10) with their expected outcomes. Pin the issuer below; check receipts with their previous receipt and statements with their break list.',
      issuer: issuer.address.toLowerCase(),
      issuerTestPrivateKey: ISSUER_TEST_KEY,
      pairKey: toHex(VECTOR_PAIR_KEY),
      signing: {
        domain: { ...RECONCILIATION_EIP712_DOMAIN },
        domainSeparator: TypedDataEncoder.hashDomain({ ...RECONCILIATION_EIP712_DOMAIN }),
        type: TypedDataEncoder.from({ ReconciliationDocument: [...RECONCILIATION_EIP712_TYPES.ReconciliationDocument] }).encodeType('ReconciliationDocument'),
        publicKey: SigningKey.computePublicKey(ISSUER_TEST_KEY, false),
      },
      cases,
    }),
  );
  return files;
}

function cellJson(cell: { count: number; totalFen: bigint; shareAFen: bigint; shareBFen: bigint }) {
  return { count: cell.count, totalFen: cell.totalFen.toString(), shareAFen: cell.shareAFen.toString(), shareBFen: cell.shareBFen.toString() };
}

export async function writeReconciliationDocumentVectors(): Promise<void> {
  const files = await makeReconciliationDocumentVectors();
  await rm(DOCUMENT_VECTORS_DIRECTORY, { recursive: true, force: true });
  await mkdir(DOCUMENT_VECTORS_DIRECTORY, { recursive: true });
  for (const [name, content] of files) await writeFile(join(DOCUMENT_VECTORS_DIRECTORY, name), content);
  console.log(`${files.size} files written to ${DOCUMENT_VECTORS_DIRECTORY} (${(await readdir(DOCUMENT_VECTORS_DIRECTORY)).length} on disk)`);
}

if (process.argv[1] === import.meta.filename && process.argv.includes('--write')) {
  await writeReconciliationDocumentVectors();
}
