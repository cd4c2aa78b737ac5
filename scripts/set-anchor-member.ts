// Operator command: choose whose key anchors a lender's evidence, its own consortium member address
// or the operator's. The worker must hold that address's key (MEMBER_ANCHOR_KEYS) and the consortium
// must have added it as a member (README, Operations).
//   npm run organization:anchor-member -- "<organization id or name>" <0x address | operator>
import { setAnchorMember } from '../lib/organizations/set-anchor-member';
import { operatorActor, runOperatorCommand, withOperatorDatabase } from './operator-command';

async function main(): Promise<number> {
  const [organization, member] = process.argv.slice(2);
  if (!organization || !member || process.argv.length !== 4) {
    console.error('usage: npm run organization:anchor-member -- "<organization id or name>" <0x member address | operator>');
    return 2;
  }
  return withOperatorDatabase(async (prisma) => {
    const result = await setAnchorMember({
      prisma,
      organization,
      memberAddress: member === 'operator' ? null : member,
      actor: operatorActor(),
    });
    const now = result.anchorMemberAddress ?? "the operator's key";
    console.log(`${result.name} (${result.organizationId}) now anchors with ${now}; was ${result.previous ?? "the operator's key"}`);
    return 0;
  });
}

runOperatorCommand(main);
