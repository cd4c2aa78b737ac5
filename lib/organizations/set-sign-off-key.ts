// Registers the address of a bank's own reconciliation sign-off key (docs/reconciliation-format.md
// §11.2): the key the bank signs day statements with, which Evident never holds. A sign-off is
// accepted only when its signature recovers to this address. Audited: whose key speaks for a bank is
// consortium governance. On a consortium chain the address must also be a member of the
// EvidenceAnchor for the ReconciliationAnchor to accept the bank's confirmation.
import { getAddress } from 'ethers';
import type { PrismaClient } from '../db/client';
import { InvalidRequestError, OrganizationNotFoundError } from '../errors';
import { appendAuditEntry, type AuditActor } from '../audit/append-audit-entry';
import { isUuid } from '../ids';

export async function setSignOffKey({
  prisma,
  organization,
  address: rawAddress,
  actor,
}: {
  prisma: PrismaClient;
  /** The organization's id or exact name. */
  organization: string;
  /** 0x-hex address, or null to withdraw it (the bank cannot sign off until one is registered). */
  address: string | null;
  actor: AuditActor;
}): Promise<{ organizationId: string; name: string; signOffAddress: string | null; previous: string | null }> {
  let address: string | null = null;
  if (rawAddress !== null) {
    try {
      address = getAddress(rawAddress).toLowerCase();
    } catch {
      throw new InvalidRequestError(`address must be a 20-byte 0x-hex address, got ${JSON.stringify(rawAddress)}.`);
    }
  }
  return prisma.$transaction(async (tx) => {
    const found = await tx.organization.findFirst({ where: isUuid(organization) ? { id: organization } : { name: organization } });
    if (!found) throw new OrganizationNotFoundError(organization);
    if (found.type !== 'lender' && address !== null) throw new InvalidRequestError(`${found.name} is not a lender; only co-lending banks sign statements off.`);
    await tx.organization.update({ where: { id: found.id }, data: { signOffAddress: address } });
    if (found.signOffAddress !== address) {
      await appendAuditEntry(tx, {
        actor,
        action: 'organization.sign_off_key_change',
        targetType: 'organization',
        targetId: found.id,
        details: { from: found.signOffAddress, to: address },
      });
    }
    return { organizationId: found.id, name: found.name, signOffAddress: address, previous: found.signOffAddress };
  });
}
