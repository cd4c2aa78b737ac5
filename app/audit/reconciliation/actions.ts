'use server';

import { redirect } from 'next/navigation';
import { formOf } from '@/app/_components/form-of';
import { orErrorPage } from '@/app/_components/or-error-page';
import { authorize } from '@/lib/auth/authorize';
import { requireViewer } from '@/lib/auth/current-viewer';
import { getPrisma } from '@/lib/db/client';
import { DomainError, FieldErrorsError } from '@/lib/errors';
import { requestRecordDisclosure } from '@/lib/reconciliation/request-record-disclosure';
import { setRuleThresholds } from '@/lib/reconciliation/set-rule-thresholds';

/** A refusal as one line for the page: a field error names its field. */
function messageOf(error: DomainError): string {
  if (error instanceof FieldErrorsError) {
    return Object.entries(error.fieldErrors)
      .map(([field, messages]) => `${field}: ${messages.join('; ')}`)
      .join(' · ');
  }
  return error.message;
}

/** The regulator saves the thresholds of the consortium or of one pair, then sees the page again. */
export async function setRuleThresholdsAction(submitted: unknown): Promise<void> {
  const form = formOf(submitted);
  const viewer = await requireViewer();
  // The permission first: another role gets the forbidden page whatever the form holds.
  await orErrorPage(Promise.resolve().then(() => authorize(viewer, 'reconciliation.regulate')));
  const text = (name: string) => String(form.get(name) ?? '');
  const back = new URLSearchParams();
  try {
    const { scope } = await setRuleThresholds({
      prisma: getPrisma(),
      viewer,
      scope: text('scope'),
      thresholds: {
        minShareABp: text('minShareABp'),
        minShareBBp: text('minShareBBp'),
        maxLoanTotalFen: text('maxLoanTotalFen'),
        maxDayDisbursedFen: text('maxDayDisbursedFen'),
      },
    });
    back.set('thresholdsSaved', scope);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    back.set('thresholdsError', messageOf(error));
  }
  redirect(`/audit/reconciliation?${back.toString()}`);
}

/** The regulator asks a bank to disclose one record (a break or a rule violation) with a reason. */
export async function requestDisclosureAction(submitted: unknown): Promise<void> {
  const form = formOf(submitted);
  const viewer = await requireViewer();
  // The permission first: another role gets the forbidden page whatever the form holds.
  await orErrorPage(Promise.resolve().then(() => authorize(viewer, 'reconciliation.regulate')));
  const text = (name: string) => String(form.get(name) ?? '');
  const back = new URLSearchParams();
  try {
    await requestRecordDisclosure({
      prisma: getPrisma(),
      viewer,
      pairId: text('pairId'),
      businessDate: text('businessDate'),
      bank: text('bank'),
      key: text('key'),
      reason: text('reason'),
    });
    back.set('disclosureRequested', text('bank'));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    back.set('disclosureError', messageOf(error));
  }
  redirect(`/audit/reconciliation?${back.toString()}`);
}
