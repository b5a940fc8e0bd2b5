/**
 * A chunk of input as a `Buffer`, without copying bytes that already are one: text is encoded as
 * UTF-8, a plain `Uint8Array` is viewed in place.
 *
 * @example
 * toBuffer('{"id":"e1"}\n').length; // 12
 */
export function toBuffer(chunk: string | Uint8Array): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
