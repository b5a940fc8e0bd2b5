/**
 * The body of a fetch response as text, refusing more than `limitBytes` (the rest is not read):
 * a misbehaving server cannot make the process buffer without bound.
 *
 * @example
 * const text = await readBounded(response, 32 * 1024 * 1024);
 */
export async function readBounded(response: Response, limitBytes: number): Promise<string> {
  if (response.body === null) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel();
      throw new RangeError(`the answer is larger than ${limitBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
