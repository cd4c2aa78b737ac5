// Maps what a verification report checked onto the legal review points (lib/legal/review-points.ts):
// for each point, which checks answer it and how every item fared, what the operator states (as
// statements, never as checks), and what is outside what software can check. A point that software
// cannot check is never reported as passed.
import type { ItemVerification, ReconciliationVerification } from '../cases/case-schemas';
import type { OperatorStatements } from './operator-statements';
import { REVIEW_POINTS, type ReviewPoint, type ReviewPointId } from './review-points';

type Bilingual = { zh: string; en: string };

/** `supported`: every item passed every check the point relies on. `not-supported`: some item failed
 * one. `partly`: nothing failed, but some check did not run for some item. `outside-software`: the
 * point turns on facts software cannot check (the report says what Evident contributes). */
export type ReviewPointResult = 'supported' | 'not-supported' | 'partly' | 'outside-software';

export interface CheckTally {
  check: string;
  label: Bilingual;
  passed: number;
  failed: number;
  notRun: number;
}

export interface ReviewPointAssessment {
  id: ReviewPointId;
  citation: string;
  citationEn: string;
  quote: string | null;
  summary: Bilingual | null;
  result: ReviewPointResult;
  checks: CheckTally[];
  evidentContribution: Bilingual;
  operatorStatements: Array<{ label: Bilingual; text: Bilingual }>;
  /** True when statements were relevant to the point but the operator configured none. */
  operatorStatementsMissing: boolean;
  stillNeeded: Bilingual;
}

const CHECK_LABELS: Record<string, Bilingual> = {
  'file-hash': { zh: '哈希值校验（原件）', en: 'Hash check (original)' },
  leaf: { zh: '默克尔叶子', en: 'Merkle leaf' },
  'inclusion-proof': { zh: '默克尔包含证明', en: 'Merkle inclusion proof' },
  'chain-anchor': { zh: '区块链锚定', en: 'Blockchain anchor' },
  signature: { zh: '签发方电子签名', en: 'Issuer’s electronic signature' },
  timestamp: { zh: '可信时间戳', en: 'Trusted timestamp' },
};

interface PointRule {
  checks: string[];
  outsideSoftware: boolean;
  statements: Array<'blockchainServiceFilingNumber' | 'neutrality' | 'standards' | 'signingKeyControl'>;
  contribution: Bilingual;
}

const RULES: Record<ReviewPointId, PointRule> = {
  'online-rules-16': {
    checks: ['file-hash', 'leaf', 'inclusion-proof', 'chain-anchor', 'signature'],
    outsideSoftware: false,
    statements: [],
    contribution: {
      zh: '逐项重新计算原件的 SHA-256，经默克尔包含证明与区块链节点上读取的锚定根核对，并核验签发方签名（技术核验）。',
      en: 'Each original was re-hashed (SHA-256) and checked through its Merkle inclusion proof against the root read from a chain node, and the issuer’s signature was verified (the technical check).',
    },
  },
  'online-rules-17': {
    checks: ['inclusion-proof', 'chain-anchor', 'signature'],
    outsideSoftware: true,
    statements: ['blockchainServiceFilingNumber', 'neutrality', 'standards'],
    contribution: {
      zh: '第（四）项中的加密方式与信息验证：SHA-256 哈希、RFC 9162 默克尔树、secp256k1 签名，均可由第三方依公开格式复核。其余各项为平台与运营方的事实。',
      en: 'Under item (4), the cryptography and information verification: SHA-256, RFC 9162 Merkle trees and secp256k1 signatures, each re-checkable by a third party from the published format. The other items are facts about the platform and its operator.',
    },
  },
  'online-rules-18': {
    checks: [],
    outsideSoftware: true,
    statements: [],
    contribution: {
      zh: '平台记录每项证据的提交渠道（门户用户或 API 密钥）、提交时间与来源信息，列于证据包清单；但无法证明上链前数据的真实性。',
      en: 'Evident records each item’s channel (portal user or API key), submission time and source details, listed in the evidence package manifest; it cannot prove the data’s authenticity before anchoring.',
    },
  },
  'online-rules-19': {
    checks: [],
    outsideSoftware: true,
    statements: [],
    contribution: {
      zh: '证据包附离线核验页面与公开的证明格式（docs/proof-format.md），鉴定人可不依赖 Evident 独立复核。',
      en: 'The evidence package carries an offline verifier page and the published proof format (docs/proof-format.md), so an expert can re-check without Evident.',
    },
  },
  'internet-courts-11': {
    checks: ['signature', 'timestamp', 'file-hash', 'chain-anchor'],
    outsideSoftware: false,
    statements: [],
    contribution: {
      zh: '本条列举的电子签名、可信时间戳、哈希值校验与区块链，逐项列出核验结果；未取得的手段注明“未执行”。',
      en: 'Each technique the article names (electronic signature, trusted timestamp, hash check, blockchain) is listed with its result; a technique not used is marked as not run.',
    },
  },
  'evidence-rules-94': {
    checks: [],
    outsideSoftware: true,
    statements: ['neutrality'],
    contribution: {
      zh: '平台的中立性取决于运营方与当事人的关系，见运营方声明。',
      en: 'Whether the platform is neutral turns on its operator’s relationship to the parties; see the operator’s statements.',
    },
  },
  'e-signature-13-14': {
    checks: ['signature'],
    outsideSoftware: false,
    statements: ['signingKeyControl'],
    contribution: {
      zh: '每份证书的签发方签名（EIP-712，secp256k1）经核验：签署后对证书内容的任何改动均可被发现。',
      en: 'Each certificate’s issuer signature (EIP-712, secp256k1) was verified: any change to the certificate after signing is detectable.',
    },
  },
};

const STATEMENT_LABELS: Record<PointRule['statements'][number], Bilingual> = {
  blockchainServiceFilingNumber: { zh: '区块链信息服务备案编号', en: 'Blockchain information service filing number' },
  neutrality: { zh: '与当事人关系（中立性）', en: 'Relationship to the parties (neutrality)' },
  standards: { zh: '系统所符合的标准', en: 'Standards the system was assessed against' },
  signingKeyControl: { zh: '签发密钥的控制', en: 'Control of the issuing key' },
};

/** One checked item as the points see it: its result, and each check's status (`null`: the check
 * does not apply to this kind of item, so it is neither counted nor missing). */
interface AssessedItem {
  passed: boolean;
  statusOf(check: string): 'pass' | 'fail' | 'notRun' | null;
}

const evidenceItem = (item: ItemVerification): AssessedItem => ({
  passed: item.passed,
  statusOf: (check) => {
    const status = item.checks.find((c) => c.id === check)?.status;
    return status === 'pass' || status === 'fail' ? status : 'notRun';
  },
});

/** A reconciliation certificate answers the same points through its own checks: its proof is the
 * Merkle proof against the side's root, each attested side read back from the ReconciliationAnchor
 * is the chain anchor, and Evident's signature the signature. It has no original file to re-hash
 * and no separate leaf (the proof's verifier recomputes it), so those do not apply; it carries no
 * RFC 3161 timestamp, which counts as not run. */
const reconciliationItem = (certificate: ReconciliationVerification): AssessedItem => ({
  passed: certificate.passed,
  statusOf: (check) => {
    const own = (id: string) => {
      const status = certificate.checks.find((c) => c.id === id)?.status;
      return status === 'pass' || status === 'fail' ? status : 'notRun';
    };
    if (check === 'file-hash' || check === 'leaf') return null;
    if (check === 'inclusion-proof') return own('reconciliation-proof');
    if (check === 'chain-anchor') return certificate.chain.length === 0 ? 'notRun' : certificate.chain.every((side) => side.status === 'pass') ? 'pass' : 'fail';
    return own(check);
  },
});

export function assessReviewPoints(
  results: ItemVerification[],
  statements: OperatorStatements | null,
  reconciliation: ReconciliationVerification[] = [],
): ReviewPointAssessment[] {
  const items = [...results.map(evidenceItem), ...reconciliation.map(reconciliationItem)];
  return REVIEW_POINTS.map((point) => assess(point, RULES[point.id], items, statements));
}

function assess(point: ReviewPoint, rule: PointRule, results: AssessedItem[], statements: OperatorStatements | null): ReviewPointAssessment {
  const checks = rule.checks.map((check): CheckTally => {
    const tally = { check, label: CHECK_LABELS[check]!, passed: 0, failed: 0, notRun: 0 };
    for (const item of results) {
      const status = item.statusOf(check);
      if (status === 'pass') tally.passed += 1;
      else if (status === 'fail') tally.failed += 1;
      else if (status === 'notRun') tally.notRun += 1;
    }
    return tally;
  });
  const anyFailed = checks.some((c) => c.failed > 0) || (!rule.outsideSoftware && rule.checks.length > 0 && results.some((item) => !item.passed));
  const anyNotRun = checks.some((c) => c.notRun > 0) || results.length === 0;
  const result: ReviewPointResult = rule.outsideSoftware ? 'outside-software' : anyFailed ? 'not-supported' : anyNotRun ? 'partly' : 'supported';

  const operatorStatements: ReviewPointAssessment['operatorStatements'] = [];
  for (const key of rule.statements) {
    const value = statements?.[key];
    if (value === undefined) continue;
    const label = STATEMENT_LABELS[key];
    if (typeof value === 'string') operatorStatements.push({ label, text: { zh: value, en: value } });
    else if (Array.isArray(value)) {
      operatorStatements.push({ label, text: { zh: value.map((v) => v.zh).join('；'), en: value.map((v) => v.en).join('; ') } });
    } else operatorStatements.push({ label, text: value });
  }
  return {
    id: point.id,
    citation: point.citation,
    citationEn: point.citationEn,
    quote: point.quote ?? null,
    summary: point.summary ?? null,
    result,
    checks,
    evidentContribution: rule.contribution,
    operatorStatements,
    operatorStatementsMissing: rule.statements.length > 0 && operatorStatements.length === 0,
    stillNeeded: point.stillNeeded,
  };
}
