// The legal review points that Chinese courts and arbitration apply to blockchain-stored electronic
// evidence, as the verification report cites them. `quote` holds an article's published wording
// only where it was checked against the published text (team material: legal/review-points.md);
// otherwise `summary` says what the article covers, marked as a summary and never as a quotation.
// Before changing any wording, check it against the official source.

export interface LegalSource {
  /** Instrument, article and, where useful, paragraph, in Chinese as cited. */
  citation: string;
  citationEn: string;
}

export type ReviewPointId =
  | 'online-rules-16'
  | 'online-rules-17'
  | 'online-rules-18'
  | 'online-rules-19'
  | 'internet-courts-11'
  | 'evidence-rules-94'
  | 'e-signature-13-14';

export interface ReviewPoint extends LegalSource {
  id: ReviewPointId;
  /** The published wording (Chinese), where checked. */
  quote?: string;
  /** What the article covers, where its full wording is not quoted here. */
  summary?: { zh: string; en: string };
  /** What the tribunal may still need from the parties on this point (not something Evident checks). */
  stillNeeded: { zh: string; en: string };
}

export const ONLINE_RULES = '《人民法院在线诉讼规则》';
export const ONLINE_RULES_EN = 'Online Litigation Rules of the People’s Courts (2021)';

export const REVIEW_POINTS: readonly ReviewPoint[] = [
  {
    id: 'online-rules-16',
    citation: `${ONLINE_RULES}第十六条`,
    citationEn: `${ONLINE_RULES_EN}, Art. 16`,
    quote:
      '当事人作为证据提交的电子数据系通过区块链技术存储，并经技术核验一致的，人民法院可以认定该电子数据上链后未经篡改，但有相反证据足以推翻的除外。',
    stillNeeded: {
      zh: '如有足以推翻的相反证据，由对方当事人提出。',
      en: 'Any contrary evidence sufficient to rebut the presumption is for the other party to bring.',
    },
  },
  {
    id: 'online-rules-17',
    citation: `${ONLINE_RULES}第十七条`,
    citationEn: `${ONLINE_RULES_EN}, Art. 17`,
    quote:
      '当事人对区块链技术存储的电子数据上链后的真实性提出异议，并有合理理由的，人民法院应当结合下列因素作出判断：（一）存证平台是否符合国家有关部门关于提供区块链存证服务的相关规定；（二）当事人与存证平台是否存在利害关系，并利用技术手段不当干预取证、存证过程；（三）存证平台的信息系统是否符合清洁性、安全性、可靠性、可用性的国家标准或者行业标准；（四）存证技术和过程是否符合相关国家标准或者行业标准中关于系统环境、技术安全、加密方式、数据传输、信息验证等方面的要求。',
    stillNeeded: {
      zh: '第（一）至（三）项及第（四）项中的标准符合性属于平台与运营方的事实，软件无法核验；如有争议，可要求运营方提供备案、测评或鉴定材料。',
      en: 'Items (1) to (3), and conformity to standards under (4), are facts about the platform and its operator that software cannot check; if disputed, the operator’s filing, assessment or an expert appraisal may be required.',
    },
  },
  {
    id: 'online-rules-18',
    citation: `${ONLINE_RULES}第十八条`,
    citationEn: `${ONLINE_RULES_EN}, Art. 18`,
    summary: {
      zh: '（摘要，非原文）电子数据上链前的真实性：人民法院可以要求提交方说明或证明该数据的具体来源、生成机制、存储过程、公证机构公证、第三方见证、关联印证数据等；不能说明或证明且无其他证据印证的，不予确认其真实性。',
      en: '(Summary, not the official wording) Authenticity before anchoring: the court may require the submitting party to explain or prove the data’s source, generation mechanism, storage process, notarisation, third-party witness and corroborating data; without them and without corroboration, authenticity is not confirmed.',
    },
    stillNeeded: {
      zh: '上链前数据的来源与生成过程由提交方（贷款机构）说明和证明；区块链只能证明上链之后未被篡改。',
      en: 'The source and generation of the data before anchoring are for the submitting lender to explain and prove; the chain proves only that nothing changed after anchoring.',
    },
  },
  {
    id: 'online-rules-19',
    citation: `${ONLINE_RULES}第十九条`,
    citationEn: `${ONLINE_RULES_EN}, Art. 19`,
    summary: {
      zh: '（摘要，非原文）涉及专门性问题的，当事人可以申请具有专门知识的人提出意见；人民法院可以委托鉴定电子数据的真实性，或者调取其他相关证据进行核对。',
      en: '(Summary, not the official wording) On specialised questions a person with specialised knowledge may give an opinion; the court may commission an appraisal of the data’s authenticity or obtain other evidence to cross-check.',
    },
    stillNeeded: {
      zh: '如需鉴定，由仲裁庭决定委托；证据包、公开的证明格式与独立核验工具可供鉴定人复核。',
      en: 'An appraisal, if needed, is for the tribunal to commission; the evidence package, the published proof format and the independent verifier let an expert re-check.',
    },
  },
  {
    id: 'internet-courts-11',
    citation: '《最高人民法院关于互联网法院审理案件若干问题的规定》第十一条第二款',
    citationEn: 'Provisions of the Supreme People’s Court on Several Issues Concerning the Trial of Cases by Internet Courts (2018), Art. 11(2)',
    quote:
      '当事人提交的电子数据，通过电子签名、可信时间戳、哈希值校验、区块链等证据收集、固定和防篡改的技术手段或者通过电子取证存证平台认证，能够证明其真实性的，互联网法院应当确认。',
    stillNeeded: {
      zh: '本条列举的技术手段中，本报告未使用的（如未取得的可信时间戳）在下方注明。',
      en: 'Any technique this article names that the report does not rely on (such as a trusted timestamp not obtained) is stated below.',
    },
  },
  {
    id: 'evidence-rules-94',
    citation: '《最高人民法院关于民事诉讼证据的若干规定》第九十四条第一款第（二）项',
    citationEn: 'Provisions of the Supreme People’s Court on Evidence in Civil Proceedings (2019 revision), Art. 94(1)(2)',
    quote: '电子数据存在下列情形的，人民法院可以确认其真实性，但有足以反驳的相反证据的除外：……（二）由记录和保存电子数据的中立第三方平台提供或者确认的；',
    stillNeeded: {
      zh: '平台是否为中立第三方，取决于运营方与当事人的关系，见运营方声明；软件无法核验。',
      en: 'Whether the platform is a neutral third party depends on the operator’s relationship to the parties (see the operator’s statements); software cannot check it.',
    },
  },
  {
    id: 'e-signature-13-14',
    citation: '《中华人民共和国电子签名法》第十三条、第十四条',
    citationEn: 'Electronic Signature Law of the PRC, Arts. 13 and 14',
    summary: {
      zh: '（摘要，非原文）第十三条：可靠的电子签名，其制作数据专属于签名人并在签署时仅由其控制，签署后对电子签名及数据电文内容和形式的任何改动能够被发现。第十四条：可靠的电子签名与手写签名或者盖章具有同等的法律效力。',
      en: '(Summary, not the official wording) Art. 13: a reliable electronic signature is one whose creation data belongs to and is controlled solely by the signer at signing, and after which any change to the signature or to the content and form of the data message can be detected. Art. 14: a reliable electronic signature has the same legal effect as a handwritten signature or seal.',
    },
    stillNeeded: {
      zh: '签发密钥专属于并仅由平台运营方控制，属于运营方声明的事实。',
      en: 'That the issuing key belongs to and is controlled solely by the platform operator is a fact of the operator’s statements.',
    },
  },
];
