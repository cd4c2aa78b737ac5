'use server';

import { revalidatePath } from 'next/cache';
import { formOf } from '@/app/_components/form-of';
import { orErrorPage } from '@/app/_components/or-error-page';
import { authorize } from '@/lib/auth/authorize';
import { requireViewer } from '@/lib/auth/current-viewer';
import { changeCaseStatus } from '@/lib/cases/change-case-status';
import { verifyCaseEvidence } from '@/lib/cases/verify-case-evidence';
import { loadIssuer } from '@/lib/certificates/load-issuer';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { CaseStatus } from '@/lib/db/generated/enums';
import { CaseNotVerifiedError, InvalidCaseTransitionError } from '@/lib/errors';

/** A message key under arbitration.actionErrors, or null when it worked. */
export interface CaseActionState {
  error: 'case-not-verified' | 'invalid-case-transition' | 'failed' | null;
}

export async function verifyAllAction(caseId: string, _previous: CaseActionState): Promise<CaseActionState> {
  const viewer = await requireViewer();
  const config = getConfig();
  if (!config.chainRpcUrl) throw new Error('CHAIN_RPC_URL is not set for the web server, so Verify all cannot reach the chain.');
  // A refusal (another role, another commission's or a malformed case id) is the forbidden or
  // not-found page the routes give, never a 500.
  await orErrorPage(
    verifyCaseEvidence({
      prisma: getPrisma(),
      viewer,
      caseId,
      issuer: await loadIssuer(config),
      chainRpcUrl: config.chainRpcUrl,
      storageDir: config.storageDir,
    }),
  );
  revalidatePath(`/arbitration/cases/${caseId}`);
  return { error: null };
}

export async function advanceCaseAction(caseId: string, _previous: CaseActionState, form: FormData): Promise<CaseActionState> {
  const viewer = await requireViewer();
  // The permission first: another role gets the forbidden page whatever the form holds.
  await orErrorPage(Promise.resolve().then(() => authorize(viewer, 'case.review')));
  const to = Object.values(CaseStatus).find((s) => s === formOf(form).get('to'));
  if (!to) return { error: 'failed' };
  try {
    await orErrorPage(changeCaseStatus({ prisma: getPrisma(), viewer, caseId, to }));
  } catch (error) {
    if (error instanceof CaseNotVerifiedError) return { error: 'case-not-verified' };
    if (error instanceof InvalidCaseTransitionError) return { error: 'invalid-case-transition' };
    throw error;
  }
  revalidatePath(`/arbitration/cases/${caseId}`);
  return { error: null };
}
