'use server';

import { redirect } from 'next/navigation';
import { formOf } from '@/app/_components/form-of';
import { orErrorPage } from '@/app/_components/or-error-page';
import { authorize } from '@/lib/auth/authorize';
import { requireViewer } from '@/lib/auth/current-viewer';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { DisclosureRequestNotFoundError, DomainError } from '@/lib/errors';
import { answerDisclosureRequest } from '@/lib/reconciliation/answer-disclosure-request';
import { reconciliationKeySecretOf } from '@/lib/reconciliation/pair-key-encryption';

/** The bank discloses or declines one of the regulator's requests, then sees its pair page again. */
export async function answerDisclosureAction(submitted: unknown): Promise<void> {
  const form = formOf(submitted);
  const viewer = await requireViewer();
  // The permission first: another role gets the forbidden page whatever the form holds.
  await orErrorPage(Promise.resolve().then(() => authorize(viewer, 'reconciliation.answer_disclosure')));
  const config = getConfig();
  const text = (name: string) => String(form.get(name) ?? '');
  const pairId = text('pairId');
  const back = new URLSearchParams();
  try {
    const { status } = await answerDisclosureRequest({
      prisma: getPrisma(),
      viewer,
      requestId: text('requestId'),
      decision: text('decision'),
      reason: text('reason'),
      storageDir: config.storageDir,
      keySecret: reconciliationKeySecretOf(config),
    });
    back.set('disclosure', status);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // Another bank's request, or one that does not exist: the not-found page, as for the pair itself.
    if (error instanceof DisclosureRequestNotFoundError) await orErrorPage(Promise.reject(error));
    back.set('disclosureError', error.message);
  }
  redirect(`/lender/reconciliation/${encodeURIComponent(pairId)}?${back.toString()}#disclosure-requests`);
}
