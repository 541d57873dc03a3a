// What the bench's lean HTTP/1.1 client and receiver share: finding where a message's head ends and how
// long its body is, in the socket's bytes, without decoding them.

export const HEADERS_END = Buffer.from('\r\n\r\n');
const LENGTH_LOWER = Buffer.from('content-length:');
const LENGTH_UPPER = Buffer.from('Content-Length:');

/**
 * The Content-Length of the message whose head is `bytes[from, to)`; `who` names the side in the error
 * thrown when there is none (chunked bodies are not what the bench's processes send).
 */
export function contentLength(bytes: Buffer, from: number, to: number, who: string): number {
  let at = bytes.indexOf(LENGTH_LOWER, from);
  if (at < 0 || at > to) at = bytes.indexOf(LENGTH_UPPER, from);
  if (at < 0 || at > to) throw new Error(`${who}: a message without Content-Length`);
  let n = 0;
  let i = at + LENGTH_LOWER.length;
  while (bytes[i] === 0x20) i++;
  for (; bytes[i] >= 0x30 && bytes[i] <= 0x39; i++) n = n * 10 + bytes[i] - 0x30;
  return n;
}
