// TSA_CA_CERTS: the TSA root certificates to trust, as PEM text or a path to a PEM file. Read once at
// start-up; a value that holds no certificate stops start-up rather than trusting nothing silently.
import { readFileSync } from 'node:fs';
import { fromPem } from '../proof/pem';

export function parseTrustedTsaRoots(value: string): Uint8Array[] {
  const text = value.includes('-----BEGIN') ? value : readFileSync(/*turbopackIgnore: true*/ value, 'utf8');
  const roots = fromPem(text).filter((block) => block.label === 'CERTIFICATE').map((block) => block.der);
  if (roots.length === 0) throw new Error(`TSA_CA_CERTS: no PEM CERTIFICATE found in ${value.includes('-----BEGIN') ? 'the value' : value}`);
  return roots;
}
