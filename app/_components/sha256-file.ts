/** SHA-256 of a File with WebCrypto, as lowercase 0x-hex. The file never leaves the browser. */
export async function sha256File(file: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  return '0x' + Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
