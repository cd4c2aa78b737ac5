// The document an issuer publishes at /.well-known/evident-issuer.json so that verifiers can pin its
// signing address (docs/proof-format.md section 9.6). The route serving it and any verifier fetching
// it share this schema.
import { z } from 'zod';
import { CERTIFICATE_EIP712_DOMAIN } from './certificate-typed-data';

export const ISSUER_DOCUMENT_PATH = '/.well-known/evident-issuer.json';

export const issuerDocumentSchema = z.object({
  name: z.string().min(1).max(200),
  address: z.string().regex(/^0x[0-9a-f]{40}$/, { error: 'expected a lowercase 0x-prefixed 20-byte address' }),
  signatureScheme: z.literal('eip712'),
  eip712Domain: z.strictObject({
    name: z.literal(CERTIFICATE_EIP712_DOMAIN.name),
    version: z.literal(CERTIFICATE_EIP712_DOMAIN.version),
  }),
});

export type IssuerDocument = z.infer<typeof issuerDocumentSchema>;
