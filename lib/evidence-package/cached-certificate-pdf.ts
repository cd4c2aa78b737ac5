// Certificate PDFs for evidence packages, kept once rendered. A PDF is a pure function of the signed
// certificate (its dates are the certificate's, section 11 of docs/proof-format.md), so it is cached
// under the SHA-256 of the certificate's JSON: re-exporting a case of a thousand items reads its
// PDFs instead of laying out a thousand pages again. A changed certificate is a new key.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderCertificateDocument } from '../certificates/certificate-documents';
import type { DocumentOperator } from '../certificates/pdf-legal-page';
import type { Certificate } from '../proof/certificate-schema';

export async function cachedCertificatePdf({
  certificate,
  certificateJson,
  publicBaseUrl,
  storageDir,
  operator,
}: {
  certificate: Certificate;
  /** The certificate file's exact text. */
  certificateJson: string;
  publicBaseUrl: string;
  storageDir: string;
  /** The operator's statements and seal on the legal page: a change of either renders anew. */
  operator: DocumentOperator;
}): Promise<Uint8Array> {
  const key = createHash('sha256')
    .update(publicBaseUrl)
    .update('\n')
    .update(certificateJson)
    .update('\n')
    .update(JSON.stringify(operator.statements))
    .update('\n')
    .update(operator.sealImage?.bytes ?? new Uint8Array())
    .digest('hex');
  const dir = path.join(storageDir, 'cache', 'certificate-pdf');
  const file = path.join(dir, `${key}.pdf`);
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { bytes } = await renderCertificateDocument({ certificate, publicBaseUrl, kind: 'certificate', operator });
  const partial = path.join(dir, `${key}.${randomUUID()}.partial`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(partial, bytes);
    await rename(partial, file);
  } catch {
    // A cache that cannot be written (disk full, read-only) only costs the next export a render.
    await rm(partial, { force: true });
  }
  return bytes;
}
