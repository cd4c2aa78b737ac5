// Decides whose key anchors an organization's evidence: its own consortium member address, or the
// operator's (null). Batches already signed keep their signer; the next batch of the organization is
// signed with the key set here, which the anchoring worker must hold (MEMBER_ANCHOR_KEYS) and the
// contract must list as a member, else that organization's batches wait (last_anchor_error says why).
// Audited: who may anchor for whom is consortium governance.
import { getAddress } from 'ethers';
import type { PrismaClient } from '../db/client';
import { InvalidRequestError, OrganizationNotFoundError } from '../errors';
import { appendAuditEntry, type AuditActor } from '../audit/append-audit-entry';
import { isUuid } from '../ids';

export async function setAnchorMember({
  prisma,
  organization,
  memberAddress,
  actor,
}: {
  prisma: PrismaClient;
  /** The organization's id or exact name. */
  organization: string;
  /** 0x-hex address, or null for the operator's key. */
  memberAddress: string | null;
  actor: AuditActor;
}): Promise<{ organizationId: string; name: string; anchorMemberAddress: string | null; previous: string | null }> {
  let address: string | null = null;
  if (memberAddress !== null) {
    try {
      address = getAddress(memberAddress).toLowerCase();
    } catch {
      throw new InvalidRequestError(`memberAddress must be a 20-byte 0x-hex address, got ${JSON.stringify(memberAddress)}.`);
    }
  }
  return prisma.$transaction(async (tx) => {
    const found = await tx.organization.findFirst({
      where: isUuid(organization) ? { id: organization } : { name: organization },
    });
    if (!found) throw new OrganizationNotFoundError(organization);
    if (found.type !== 'lender' && address !== null) {
      throw new InvalidRequestError(`${found.name} is not a lender; only lenders submit evidence to anchor.`);
    }
    const updated = await tx.organization.update({ where: { id: found.id }, data: { anchorMemberAddress: address } });
    if (found.anchorMemberAddress !== address) {
      await appendAuditEntry(tx, {
        actor,
        action: 'organization.anchor_member_change',
        targetType: 'organization',
        targetId: found.id,
        details: { from: found.anchorMemberAddress, to: address },
      });
    }
    return { organizationId: found.id, name: found.name, anchorMemberAddress: updated.anchorMemberAddress, previous: found.anchorMemberAddress };
  });
}
