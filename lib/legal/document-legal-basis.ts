// The legal basis a certificate or proof receipt names (issue #14): the articles under which a
// tribunal assesses blockchain-stored electronic data, and, where the document relies on the
// issuer's electronic signature, the Electronic Signature Law's articles on reliable signatures.
// Citations come from the review points the verification report uses (review-points.ts), so the
// three documents cite the same articles in the same words. The lines cite and describe; they quote
// nothing and decide nothing: applying the articles is for the tribunal.
import { ONLINE_RULES, ONLINE_RULES_EN, REVIEW_POINTS, type ReviewPointId } from './review-points';

export interface LegalBasisLine {
  zh: string;
  en: string;
}

function citationOf(id: ReviewPointId): { zh: string; en: string } {
  const point = REVIEW_POINTS.find((candidate) => candidate.id === id)!;
  return { zh: point.citation, en: point.citationEn };
}

/** signed: the document carries the issuer's electronic signature (an unsigned certificate does not
 * rely on one, so it does not cite the Electronic Signature Law). */
export function documentLegalBasis({ document, signed }: { document: 'certificate' | 'receipt'; signed: boolean }): LegalBasisLine[] {
  const internetCourts = citationOf('internet-courts-11');
  const eSignature = citationOf('e-signature-13-14');
  const thisZh = document === 'certificate' ? '本证书' : '本回执';
  const thisEn = document === 'certificate' ? 'This certificate' : 'This receipt';
  const lines: LegalBasisLine[] = [
    {
      zh: `区块链技术存储的电子数据的核验，以及上链前后真实性的审查：${ONLINE_RULES}第十六条至第十九条。`,
      en: `Checking electronic data stored with blockchain technology, and reviewing its authenticity before and after anchoring: ${ONLINE_RULES_EN}, Arts. 16 to 19.`,
    },
    {
      zh: `通过电子签名、可信时间戳、哈希值校验、区块链等技术手段证明电子数据的真实性：${internetCourts.zh}。`,
      en: `Proving the authenticity of electronic data by electronic signature, trusted timestamp, hash check, blockchain or similar technical means: ${internetCourts.en}.`,
    },
  ];
  if (signed) {
    lines.push({
      zh: `${thisZh}所载数据由签发方以电子签名（EIP-712）签署，可靠电子签名的条件及其效力：${eSignature.zh}。`,
      en: `${thisEn}'s data is signed by the issuer with an electronic signature (EIP-712); the conditions and effect of a reliable electronic signature: ${eSignature.en}.`,
    });
  }
  lines.push({
    zh: `上述条文是否适用及证据的效力，由仲裁庭或人民法院依法认定；${thisZh}仅载明技术事实，不代替该认定。`,
    en: `Whether these articles apply, and what weight the evidence carries, is for the arbitral tribunal or the court to decide; ${thisEn.toLowerCase()} states technical facts only.`,
  });
  return lines;
}
