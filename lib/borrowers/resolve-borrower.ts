// Finds the borrower a lender names (by ID number, then phone, then email) or creates them. Borrowers
// are shared across lenders: the partner banks of one loan name the same person.
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../db/generated/client';
import { normalizePhone, type BorrowerIdentity } from './borrower-identity';
import { hashIdNumber } from './hash-id-number';

export async function resolveBorrower({
  db,
  identity,
  borrowerIdSalt,
}: {
  db: Prisma.TransactionClient;
  identity: BorrowerIdentity;
  borrowerIdSalt: string;
}): Promise<{ id: string; name: string }> {
  const idNumberHash = identity.idNumber ? Buffer.from(hashIdNumber(identity.idNumber, borrowerIdSalt)) : undefined;
  const phone = identity.phone ? normalizePhone(identity.phone) : undefined;
  const email = identity.email;
  const or: Prisma.BorrowerWhereInput[] = [];
  if (idNumberHash) or.push({ idNumberHash });
  if (phone) or.push({ phone });
  if (email) or.push({ email });
  const found = await db.borrower.findMany({ where: { OR: or }, select: { id: true, name: true, idNumberHash: true, phone: true } });
  // The ID number is the strongest identifier; a phone or email match stands only if nothing stronger matched.
  const match =
    found.find((b) => idNumberHash && b.idNumberHash && Buffer.from(b.idNumberHash).equals(idNumberHash)) ??
    found.find((b) => phone && b.phone === phone) ??
    found[0];
  if (match) return { id: match.id, name: match.name };
  const created = await db.borrower.create({
    data: { id: randomUUID(), name: identity.name, idNumberHash, phone, email },
    select: { id: true, name: true },
  });
  return created;
}
