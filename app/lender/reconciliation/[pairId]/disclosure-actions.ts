'use server';

import { redirect } from 'next/navigation';
import { formOf } from '@/app/_components/form-of';
import { requireViewer } from '@/lib/auth/current-viewer';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import { answerDisclosureRequest } from '@/lib/reconciliation/answer-disclosure-request';
import { reconciliationKeySecretOf } from '@/lib/reconciliation/pair-key-encryption';

/** The bank discloses or declines one of the regulator's requests, then sees its pair page again. */
export async function answerDisclosureAction(submitted: unknown): Promise<void> {
  const form = formOf(submitted);
  const viewer = await requireViewer();
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
    back.set('disclosureError', error.message);
  }
  redirect(`/lender/reconciliation/${encodeURIComponent(pairId)}?${back.toString()}#disclosure-requests`);
}
