// verify.html: the offline verifier as one self-contained file (script and styles inline, no
// external request), built from the proof core by esbuild once per process. Deterministic for the
// same sources, so evidence packages stay byte-identical.
import { bundleProofCore, VERIFY_PAGE_ENTRY } from './bundle-proof-core';

let html: Promise<string> | undefined;

export function renderVerifyHtml(): Promise<string> {
  html ??= build().catch((error: unknown) => {
    html = undefined;
    throw error;
  });
  return html;
}

const STYLE = `
body{font-family:system-ui,"Noto Sans SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#111827}
h1{font-size:1.5rem}label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input[type=text]{width:100%;max-width:40rem;padding:.4rem;border:1px solid #9ca3af;border-radius:.25rem}
button{margin-top:1rem;padding:.5rem 1rem;border-radius:.25rem;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff;font-weight:600}
#lang{float:right;background:#fff;color:#1d4ed8}
table{border-collapse:collapse;width:100%;margin-top:1rem}th,td{border:1px solid #d1d5db;padding:.4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.ok{color:#166534}.bad{color:#b91c1c;font-weight:600}.skip{color:#6b7280}
`;

async function build(): Promise<string> {
  const { code } = await bundleProofCore({ entry: VERIFY_PAGE_ENTRY, globalName: 'EvidentOfflineVerifier' });
  const script = code.replace(/<\/(script)/gi, '<\\/$1');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src http: https:; img-src data:">
<title>证据包离线核验 · Evidence package verifier</title>
<style>${STYLE}</style>
</head>
<body>
<button id="lang" type="button">中文 / English</button>
<h1 data-t="title"></h1>
<p data-t="intro"></p>
<label for="folder" data-t="folder"></label>
<input id="folder" type="file" webkitdirectory multiple>
<label for="zip" data-t="zip"></label>
<input id="zip" type="file" accept=".zip,application/zip">
<label for="rpc" data-t="rpc"></label>
<input id="rpc" type="text" inputmode="url" autocomplete="off" spellcheck="false">
<div><button id="run" type="button" data-t="verify"></button></div>
<p id="status" role="status" aria-live="polite"></p>
<div id="results"></div>
<script>${script}</script>
</body>
</html>
`;
}
