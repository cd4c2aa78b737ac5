import { describe, expect, it } from 'vitest';
import { attachmentDisposition, downloadHeaders } from './attachment-disposition';

describe('download headers', () => {
  it('keep Chinese names exactly and give an ASCII fallback', () => {
    expect(attachmentDisposition('借款合同.pdf')).toBe(`attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('借款合同.pdf')}`);
  });

  it('neutralise bidirectional overrides and controls, so a name shows what it is', () => {
    const header = attachmentDisposition('invoice\u202egpj.exe');
    expect(header).not.toMatch(/%E2%80%AE/i);
    expect(header).toContain(`filename*=UTF-8''invoice_gpj.exe`);
    expect(attachmentDisposition('a\u2066b\u2069c\r\nd.txt')).toContain(`filename*=UTF-8''a_b_c__d.txt`);
    expect(attachmentDisposition('"quoted"\\.txt')).toContain('filename="_quoted__.txt"');
  });

  it('forbid sniffing and scripts', () => {
    expect(downloadHeaders({ fileName: 'x.html', contentType: 'text/html' })).toMatchObject({
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private, no-store',
    });
  });
});
