'use server';

import { currentViewer } from '@/lib/auth/current-viewer';
import { checkNewBorrowerName } from '@/lib/borrowers/check-new-borrower-name';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';

/** Asked before the upload starts, so the lender confirms a second borrower of a known name before
 * any bytes are sent; the upload refuses the same case without confirmation on its own. */
export async function checkNewBorrowerNameAction(identity: { name: string; idNumber?: string; phone?: string; email?: string }) {
  const { borrowerIdSalt } = getConfig();
  if (!borrowerIdSalt) throw new Error('BORROWER_ID_SALT is not set for the web server.');
  return checkNewBorrowerName({ prisma: getPrisma(), viewer: await currentViewer(), identity, borrowerIdSalt });
}
