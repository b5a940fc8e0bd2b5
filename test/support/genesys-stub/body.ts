import type { IncomingMessage } from 'node:http';

/** A request body read with a size bound: its bytes, or `tooLarge` once more than the bound arrived. */
export type ReadBody = { tooLarge: false; bytes: Buffer } | { tooLarge: true };

/**
 * Reads the whole request body, keeping at most `limit` bytes; past that it keeps draining the
 * request (so the answer can still be written) and reports `tooLarge`.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
      } else if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? { tooLarge: true } : { tooLarge: false, bytes: Buffer.concat(chunks) }));
    req.on('error', reject);
  });
}

/** What `parseJson` gives for a body that is not JSON. */
export const invalidJson: unique symbol = Symbol('invalid JSON');

/** Parses JSON text; `undefined` for an empty body, `invalidJson` when it does not parse. */
export function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return invalidJson;
  }
}
