// The published receipt and statement vectors (docs/vectors/reconciliation-documents) are what the
// generator makes today, byte for byte; each verifies or fails as documents.json says; and the
// stated digests are recomputed here from the spec's own recipe (RFC 8785 bytes without `signature`,
// SHA-256, EIP-712), not taken from the code that signed them.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { recoverAddress, TypedDataEncoder } from 'ethers';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_VECTORS_DIRECTORY, makeReconciliationDocumentVectors, type DocumentVectorCase } from './reconciliation-document-vectors';
import { verifyStatement, type StatementBreak } from './reconciliation-statement';
import { VECTORS_DIRECTORY } from './reconciliation-vectors';
import { verifySideReceipt, type SideReceipt } from './side-receipt';

const read = (file: string) => readFile(join(DOCUMENT_VECTORS_DIRECTORY, file), 'utf8');

describe('reconciliation document vectors', () => {
  it('the files on disk are exactly what the generator makes', async () => {
    const made = await makeReconciliationDocumentVectors();
    expect((await readdir(DOCUMENT_VECTORS_DIRECTORY)).sort()).toEqual([...made.keys()].sort());
    for (const [file, content] of made) expect(await read(file), file).toBe(content);
  });

  it('every case verifies or fails with the code documents.json gives', async () => {
    const manifest: { issuer: string; cases: DocumentVectorCase[] } = JSON.parse(await read('documents.json'));
    expect(manifest.cases.filter((c) => c.valid).map((c) => c.file)).toEqual([
      'receipt.valid.a.json',
      'receipt.valid.b.json',
      'receipt.valid.a.next-day.json',
      'receipt.valid.a.blind.json',
      'statement.valid.json',
    ]);
    expect(manifest.cases.filter((c) => !c.valid).length).toBeGreaterThanOrEqual(20);
    for (const entry of manifest.cases) {
      const text = await read(entry.file);
      const verdict =
        entry.kind === 'side-receipt'
          ? verifySideReceipt(text, {
              trustedIssuers: [manifest.issuer],
              ...(entry.previous ? { previous: entry.previous === 'none' ? null : (JSON.parse(await read(entry.previous)) as SideReceipt) } : {}),
            })
          : verifyStatement(text, { trustedIssuers: [manifest.issuer], breaks: JSON.parse(await read(entry.breaks!)) as StatementBreak[] });
      expect(verdict.ok, entry.file).toBe(entry.valid);
      if (!verdict.ok) expect(verdict.code, entry.file).toBe(entry.code);
    }
  });

  it("each valid document's digest and signature follow from the spec's recipe alone", async () => {
    const manifest: { issuer: string; signing: { domain: { name: string; version: string }; domainSeparator: string }; cases: DocumentVectorCase[] } = JSON.parse(
      await read('documents.json'),
    );
    expect(manifest.signing.domainSeparator).toBe(TypedDataEncoder.hashDomain({ name: 'Evident Reconciliation', version: '1' }));
    for (const entry of manifest.cases.filter((c) => c.valid)) {
      const { signature, ...body } = JSON.parse(await read(entry.file));
      const digest = `0x${createHash('sha256').update(canonicalize(body)!, 'utf8').digest('hex')}`;
      expect(digest, entry.file).toBe(entry.sha256);
      const typed = TypedDataEncoder.hash(manifest.signing.domain, { ReconciliationDocument: [{ name: 'format', type: 'string' }, { name: 'sha256', type: 'bytes32' }] }, { format: body.format, sha256: digest });
      expect(typed, entry.file).toBe(entry.eip712Digest);
      expect(recoverAddress(typed, signature.value).toLowerCase(), entry.file).toBe(manifest.issuer);
    }
  });

  it("the receipts commit §8's vector sides, and the statement names both receipts and the breaks §8 lists", async () => {
    const sides = JSON.parse(await readFile(join(VECTORS_DIRECTORY, 'sides.json'), 'utf8'));
    const a = JSON.parse(await read('receipt.valid.a.json'));
    const b = JSON.parse(await read('receipt.valid.b.json'));
    const next = JSON.parse(await read('receipt.valid.a.next-day.json'));
    expect(a.side).toEqual(sides.a);
    expect(b.side).toEqual(sides.b);
    const digest = (receipt: Record<string, unknown>) => verifySideReceipt(receipt).ok && (verifySideReceipt(receipt) as { sha256: string }).sha256;
    expect(next.previousReceiptSha256).toBe(digest(a));
    const statement = JSON.parse(await read('statement.valid.json'));
    expect(statement.sides).toEqual({ a: { ...sides.a, receiptSha256: digest(a) }, b: { ...sides.b, receiptSha256: digest(b) } });
    const breaks: StatementBreak[] = JSON.parse(await read('statement.breaks.json'));
    expect(breaks.map(({ class: kind, key, indexA, indexB, fields }) => ({ class: kind, key, indexA, indexB, fields }))).toEqual(
      sides.breaks.map((entry: { fields?: string[]; indexA?: number; indexB?: number }) => ({ ...entry, fields: entry.fields ?? [], indexA: entry.indexA ?? null, indexB: entry.indexB ?? null })),
    );
    expect(statement.counts).toMatchObject({ matched: sides.matched, onlyA: 1, onlyB: 1, fieldMismatch: 1 });
  });
});
