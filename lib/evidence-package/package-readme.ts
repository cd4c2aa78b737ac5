// README.txt of an evidence package, in Chinese and English: what the package is, how to check it
// with the offline page, and how to check one item by hand with standard tools.

export function buildPackageReadme({ caseNumber, itemCount }: { caseNumber: string; itemCount: number }): string {
  return `证据包 ${caseNumber}（共 ${itemCount} 项证据）
================================================

本证据包由 Evident 电子证据存证平台生成，供仲裁庭归档及任何一方离线复核，无需访问 Evident。

内容
  manifest.json       案件信息与每项证据的清单（证据编号、SHA-256、大小、证书编号、来源及包内路径），
                      以及包内其他每个文件（证书、核验报告、本说明、核验页面）的 SHA-256
  manifest.sig.json   签发方对 manifest.json 的签名（EIP-712，与证书相同的签发密钥）
  originals/          证据原件（仅提交哈希的证据无原件，清单中注明）；数据记录的原件为其 RFC 8785 规范化文本
  certificates/       每项证据的存证证书（JSON 为准，PDF 为打印件）
  report/             最近一次核验报告（PDF 与 JSON）；尚未核验时清单中注明
  verify.html         离线核验页面：用浏览器打开，选择本文件夹或 ZIP 文件

离线核验
  用当前版本的浏览器打开 verify.html，选择解压后的文件夹（或 ZIP 文件本身）。页面在本机重新计算每个原件的
  SHA-256，并核验叶子、默克尔包含证明、签发方签名、清单签名，以及证书、报告等文件与清单是否一致。填写区块链节点的 JSON-RPC 地址后，还会核对链上锚定。
  页面不向任何服务器发送请求（除非您填写了节点地址），并明确列出离线无法完成的检查（证书吊销状态）。

手工核验一项证据
  1. sha256sum originals/<文件名>，结果应等于 manifest.json 与证书中的 evidence.sha256；
  2. 按公开的证明格式（docs/proof-format.md）由 sha256、salt、sequence 计算叶子哈希，
     沿 proof.path 计算到 proof.root；
  3. 在链上查询锚定合约 getAnchor(proof.root)，区块号与时间应与证书一致；
  4. 包内其他文件：sha256sum 的结果应等于 manifest.json 中所列的 SHA-256（清单本身由 manifest.sig.json 签名）。

Evidence package ${caseNumber} (${itemCount} items)
================================================

This package was produced by Evident, an electronic-evidence notarization platform, for the tribunal's
file and for any party to re-check offline, without Evident.

Contents
  manifest.json       the case and every item: evidence id, SHA-256, size, certificate serial,
                      provenance and the item's paths in this package; and the SHA-256 of every
                      other file here (certificates, report, this README, the verifier page)
  manifest.sig.json   the issuer's signature over manifest.json (EIP-712, the certificates' key)
  originals/          the originals (a hash-only item has none; the manifest says so); a record's
                      original is its RFC 8785 canonical text
  certificates/       each item's certificate (the JSON is authoritative, the PDF is its print)
  report/             the latest verification report (PDF and JSON), or a note in the manifest
  verify.html         the offline verifier: open it in a browser and pick this folder or the ZIP

Checking offline
  Open verify.html in a current browser and pick the unpacked folder (or the ZIP itself). It
  re-hashes every original on your machine and checks the leaf, the Merkle inclusion proof, the
  issuer's signature, the manifest signature, and that the certificates, the report and the other
  files are the ones the manifest lists; given a chain node's JSON-RPC URL it also checks the
  anchor on chain. It sends nothing to any server unless you enter a node URL, and it says which
  checks it cannot run offline (revocation).

Checking one item by hand
  1. sha256sum originals/<name> must equal evidence.sha256 in manifest.json and in the certificate;
  2. compute the leaf hash from sha256, salt and sequence as the published proof format says
     (docs/proof-format.md), then follow proof.path up to proof.root;
  3. call getAnchor(proof.root) on the anchor contract: block and time must match the certificate;
  4. any other file: sha256sum must equal the SHA-256 manifest.json lists for it (the manifest itself
     is signed in manifest.sig.json).
`;
}
