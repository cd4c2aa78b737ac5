import { describe, expect, it } from 'vitest';
import { issuerDocumentSchema } from './issuer-document';

describe('issuerDocumentSchema', () => {
  const document = {
    name: 'Evident',
    address: '0xfcad0b19bb29d4674531d6f115237e16afce377c',
    signatureScheme: 'eip712',
    eip712Domain: { name: 'Evident Certificate', version: '1' },
  };

  it('accepts the documented shape', () => {
    expect(issuerDocumentSchema.parse(document)).toEqual(document);
  });

  it.each([
    ['a checksummed address', { ...document, address: '0xFCAD0B19bb29d4674531d6f115237e16afce377c' }],
    ['another scheme', { ...document, signatureScheme: 'eip191' }],
    ['another domain version', { ...document, eip712Domain: { name: 'Evident Certificate', version: '2' } }],
  ])('rejects %s', (_, candidate) => {
    expect(issuerDocumentSchema.safeParse(candidate).success).toBe(false);
  });
});
