// Signs a day's sign-off (§11.2) with the party's key: a bank's own key for bank A or B, Evident's
// issuer key for its countersignature. Any ethers signer works (a Wallet, a browser wallet's
// JsonRpcSigner), since the bank's key should never have to reach Evident. Browser-safe.
import type { Signer } from 'ethers';
import { statementSignOffTypedData, type StatementSignOff } from './statement-typed-data';

/** The 65-byte signature r ‖ s ‖ v, lowercase 0x-hex (ethers signs low-s, v 27 or 28). */
export async function signStatementSignOff(signer: Pick<Signer, 'signTypedData'>, signOff: StatementSignOff): Promise<string> {
  const { domain, types, value } = statementSignOffTypedData(signOff);
  return (await signer.signTypedData(domain, types, value)).toLowerCase();
}
