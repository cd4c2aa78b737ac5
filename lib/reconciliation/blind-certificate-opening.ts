// The opening a blind day's field-mismatch certificate carries (§6.4 `opening`, §14.3), from the banks'
// stored openings (blind-openings.ts): Evident holds no salt of its own on a blind day.
import type { PrismaClient } from '../db/client';
import { bytesEqual } from '../proof/bytes-equal';
import { toHex } from '../proof/hex';
import { COMMITTED_FIELDS, type CommittedField } from './row-format';

/**
 * The opening a blind day's field-mismatch certificate carries (§6.4 `opening`, §14.3): the first
 * differing field, in field order, that both banks opened with the same salt (equal salts are what the
 * proof's one `salt` says; two banks that derived different salts committed with different keys).
 */
export async function certificateOpeningOf({
  prisma,
  statementId,
  ordinal,
  fields,
}: {
  prisma: PrismaClient;
  statementId: string;
  ordinal: number;
  fields: readonly string[];
}): Promise<{ field: CommittedField; opening: { salt: string; a: string; b: string } } | null> {
  const openings = await prisma.reconciliationOpening.findMany({ where: { statementId, ordinal } });
  for (const field of COMMITTED_FIELDS) {
    if (!fields.includes(field)) continue;
    const a = openings.find((opening) => opening.bank === 'A' && opening.field === field);
    const b = openings.find((opening) => opening.bank === 'B' && opening.field === field);
    if (a && b && bytesEqual(a.salt, b.salt)) return { field, opening: { salt: toHex(a.salt), a: a.value, b: b.value } };
  }
  return null;
}
