import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { toHex } from '../proof/hex';
import { addToControlTotals, emptyControlTotals } from './control-totals';
import { buildSideReceipt, signSideReceipt, sideReceiptBytes, sideReceiptSha256, verifySideReceipt, type SideReceipt } from './side-receipt';

const issuerWallet = new Wallet('0x' + '42'.repeat(32));
const issuer = { name: 'Evident', address: issuerWallet.address.toLowerCase() };
const pairId = '6f1c2b7e-4d3a-4c1b-9e8f-0a1b2c3d4e5f';

function day(businessDate: string, previousReceiptSha256: string | null, bank: 'A' | 'B' = 'A') {
  const totals = emptyControlTotals();
  addToControlTotals(totals, { type: 'fee', status: 'settled', totalFen: 1000, shareAFen: 200, shareBFen: 800 });
  return buildSideReceipt({
    pairId,
    businessDate,
    bank,
    fileSha256: '0x' + 'ab'.repeat(32),
    fileSize: 1234,
    root: '0x' + 'cd'.repeat(32),
    rowCount: 1,
    controlTotals: totals,
    previousReceiptSha256,
    committedAt: new Date('2026-12-02T01:02:03.456Z'),
    issuer,
  });
}

describe('side receipt', () => {
  it('hashes the RFC 8785 bytes of the receipt without its signature, and verifies when signed by the named issuer', async () => {
    const signed = await signSideReceipt(day('2026-12-01', null), issuerWallet);
    const { signature: _s, ...body } = signed;
    expect(new TextDecoder().decode(sideReceiptBytes(signed))).toBe(canonicalize(body));
    expect(sideReceiptSha256(signed)).toBe(toHex(sha256(sideReceiptBytes(signed))));
    const check = verifySideReceipt(JSON.stringify(signed, null, 2), { trustedIssuers: [issuer.address] });
    expect(check).toMatchObject({ ok: true, signer: issuer.address, sha256: sideReceiptSha256(signed) });
    expect(signed.controlTotals['fee/settled']).toEqual({ count: 1, totalFen: '1000', shareAFen: '200', shareBFen: '800' });
  });

  it('refuses an altered receipt, another signer, an untrusted issuer and a duplicate member', async () => {
    const signed = await signSideReceipt(day('2026-12-01', null), issuerWallet);
    const altered: SideReceipt = { ...signed, side: { ...signed.side, root: `0x${'ab'.repeat(32)}` } };
    expect(verifySideReceipt(altered)).toMatchObject({ ok: false, code: 'receipt.signature-invalid' });
    // A row count the control totals do not add up to, or a cell missing, is not a receipt at all.
    expect(verifySideReceipt({ ...signed, side: { ...signed.side, rowCount: signed.side.rowCount + 1 } })).toMatchObject({ ok: false, code: 'receipt.malformed' });
    const { 'fee/failed': _dropped, ...cells } = signed.controlTotals;
    expect(verifySideReceipt({ ...signed, controlTotals: cells })).toMatchObject({ ok: false, code: 'receipt.malformed' });
    expect(verifySideReceipt({ ...signed, businessDate: '2026-02-30' })).toMatchObject({ ok: false, code: 'receipt.malformed' });
    const other = new Wallet('0x' + '43'.repeat(32));
    await expect(signSideReceipt(day('2026-12-01', null), other)).rejects.toThrow(/names issuer/);
    expect(verifySideReceipt(signed, { trustedIssuers: [other.address] })).toMatchObject({ ok: false, code: 'receipt.untrusted-issuer' });
    const text = JSON.stringify(signed).replace('"bank":"A"', '"bank":"B","bank":"A"');
    expect(verifySideReceipt(text)).toMatchObject({ ok: false, code: 'receipt.malformed' });
    expect(verifySideReceipt({ ...signed, extra: 1 })).toMatchObject({ ok: false, code: 'receipt.malformed' });
  });

  it("chains each bank's receipts: the next names the previous one's SHA-256", async () => {
    const first = await signSideReceipt(day('2026-12-01', null), issuerWallet);
    const second = await signSideReceipt(day('2026-12-02', sideReceiptSha256(first)), issuerWallet);
    expect(verifySideReceipt(first, { previous: null }).ok).toBe(true);
    expect(verifySideReceipt(second, { previous: first }).ok).toBe(true);
    expect(verifySideReceipt(second, { previous: null })).toMatchObject({ ok: false, code: 'receipt.chain-broken' });
    const otherBank = await signSideReceipt(day('2026-12-01', null, 'B'), issuerWallet);
    expect(verifySideReceipt(second, { previous: otherBank })).toMatchObject({ ok: false, code: 'receipt.chain-broken' });
  });
});
