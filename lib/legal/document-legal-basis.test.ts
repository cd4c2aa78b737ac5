import { describe, expect, it } from 'vitest';
import { documentLegalBasis } from './document-legal-basis';
import { REVIEW_POINTS } from './review-points';

describe('documentLegalBasis', () => {
  it('cites the articles of the review points the report uses, in the same words', () => {
    const text = documentLegalBasis({ document: 'certificate', signed: true }).map((line) => `${line.zh}\n${line.en}`).join('\n');
    expect(text).toContain('《人民法院在线诉讼规则》第十六条至第十九条');
    for (const id of ['internet-courts-11', 'e-signature-13-14'] as const) {
      const point = REVIEW_POINTS.find((candidate) => candidate.id === id)!;
      expect(text).toContain(point.citation);
      expect(text).toContain(point.citationEn);
    }
    // Art. 11(2)'s list of techniques, in the article's own order and words.
    expect(REVIEW_POINTS.find((point) => point.id === 'internet-courts-11')!.quote).toContain('电子签名、可信时间戳、哈希值校验、区块链等');
    expect(text).toContain('电子签名、可信时间戳、哈希值校验、区块链等技术手段');
  });

  it('cites the Electronic Signature Law only where the document relies on a signature, and leaves the decision to the tribunal', () => {
    const unsigned = documentLegalBasis({ document: 'receipt', signed: false });
    expect(unsigned.map((line) => line.zh).join('')).not.toContain('电子签名法');
    expect(unsigned.at(-1)!.zh).toContain('由仲裁庭或人民法院依法认定；本回执仅载明技术事实');
    expect(documentLegalBasis({ document: 'receipt', signed: true }).some((line) => line.zh.startsWith('本回执所载数据由签发方以电子签名'))).toBe(true);
  });
});
