// The borrower on record under the identifiers a lender gives, if any: the ID number is the strongest
// identifier; a phone or email match stands only if nothing stronger matched.
import type { Prisma } from '../db/generated/client';
import { bytesEqual } from '../proof/bytes-equal';
import { normalizePhone, type BorrowerIdentity } from './borrower-identity';
import { hashIdNumber } from './hash-id-number';

export async function findMatchingBorrower({
  db,
  identity,
  borrowerIdSalt,
}: {
  db: Prisma.TransactionClient;
  identity: Pick<BorrowerIdentity, 'idNumber' | 'phone' | 'email'>;
  borrowerIdSalt: string;
}) {
  const idNumberHash = identity.idNumber ? Buffer.from(hashIdNumber(identity.idNumber, borrowerIdSalt)) : undefined;
  const phone = identity.phone ? normalizePhone(identity.phone) : undefined;
  const email = identity.email;
  const or: Prisma.BorrowerWhereInput[] = [];
  if (idNumberHash) or.push({ idNumberHash });
  if (phone) or.push({ phone });
  if (email) or.push({ email });
  const found =
    or.length === 0
      ? []
      : await db.borrower.findMany({
          where: { OR: or },
          select: { id: true, name: true, idNumberHash: true, phone: true, identifierHint: true },
        });
  const match =
    found.find((b) => idNumberHash && b.idNumberHash && bytesEqual(b.idNumberHash, idNumberHash)) ??
    found.find((b) => phone && b.phone === phone) ??
    found[0];
  return { match, idNumberHash, phone, email };
}
