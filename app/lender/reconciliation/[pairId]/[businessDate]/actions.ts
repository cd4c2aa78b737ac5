'use server';

import { redirect } from 'next/navigation';
import { formOf } from '@/app/_components/form-of';
import { orErrorPage } from '@/app/_components/or-error-page';
import { authorize } from '@/lib/auth/authorize';
import { requireViewer } from '@/lib/auth/current-viewer';
import { addReconciliationCertificate } from '@/lib/cases/add-reconciliation-certificate';
import { loadIssuer } from '@/lib/certificates/load-issuer';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { DomainError, InvalidRequestError } from '@/lib/errors';
import { reconciliationKeySecretOf } from '@/lib/reconciliation/pair-key-encryption';
import { BREAK_CERTIFICATE_PROOFS, type BreakCertificateProof } from '@/lib/reconciliation/issue-break-certificate';
import { OPENINGS_BODY_MAX_BYTES, parseOpeningsBody, submitBlindOpenings } from '@/lib/reconciliation/blind-openings';

/** Adds one break's reconciliation certificate to one of the lender's open cases, then shows the day
 * again with what happened (the case number, or the refusal's message). */
export async function addBreakToCaseAction(submitted: unknown): Promise<void> {
  const form = formOf(submitted);
  const viewer = await requireViewer();
  const config = getConfig();
  const text = (name: string) => String(form.get(name) ?? '');
  const pairId = text('pairId');
  const businessDate = text('businessDate');
  const proof = (BREAK_CERTIFICATE_PROOFS as readonly string[]).includes(text('proof')) ? (text('proof') as BreakCertificateProof) : undefined;
  const back = new URLSearchParams();
  try {
    const outcome = await addReconciliationCertificate({
      prisma: getPrisma(),
      viewer,
      caseId: text('caseId'),
      pairId,
      businessDate,
      ordinal: /^\d{1,9}$/.test(text('ordinal')) ? Number(text('ordinal')) : -1,
      proof,
      storageDir: config.storageDir,
      keySecret: reconciliationKeySecretOf(config),
      issuer: await loadIssuer(config),
    });
    back.set('added', outcome.caseNumber);
    back.set('serial', outcome.serial);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    back.set('addError', error.message);
  }
  redirect(`/lender/reconciliation/${encodeURIComponent(pairId)}/${encodeURIComponent(businessDate)}?${back.toString()}`);
}

/** The bank opens differing fields of a blind day's break (spec §14.3) by pasting the body its
 * blinding command wrote (`--open`), the same the API takes; then sees the day again. */
export async function submitOpeningsAction(submitted: unknown): Promise<void> {
  const form = formOf(submitted);
  const viewer = await requireViewer();
  // The permission first: another role gets the forbidden page whatever the form holds.
  await orErrorPage(Promise.resolve().then(() => authorize(viewer, 'reconciliation.submit')));
  const text = (name: string) => String(form.get(name) ?? '');
  const pairId = text('pairId');
  const businessDate = text('businessDate');
  const ordinal = /^\d{1,9}$/.test(text('ordinal')) ? Number(text('ordinal')) : -1;
  const back = new URLSearchParams({ class: 'field-mismatch' });
  try {
    const body = new TextEncoder().encode(text('body').trim());
    if (body.length > OPENINGS_BODY_MAX_BYTES) throw new InvalidRequestError(`The openings are ${body.length} bytes; at most ${OPENINGS_BODY_MAX_BYTES} are taken.`);
    await submitBlindOpenings({ prisma: getPrisma(), viewer, pairId, businessDate, ordinal, body: parseOpeningsBody(body), storageDir: getConfig().storageDir });
    back.set('opened', String(ordinal));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    back.set('openError', error.message);
  }
  redirect(`/lender/reconciliation/${encodeURIComponent(pairId)}/${encodeURIComponent(businessDate)}?${back.toString()}`);
}
