/**
 * Serializes events as JSON Lines, in chunks of about `chunkSize` characters, so that a writer
 * makes few large writes and never holds the whole log.
 *
 * @example
 * for (const chunk of jsonLines(simulate({ seed: 1 }))) process.stdout.write(chunk);
 */
export function* jsonLines(events: Iterable<unknown>, chunkSize = 64 * 1024): Generator<string, void, undefined> {
  let chunk = '';
  for (const event of events) {
    chunk += `${JSON.stringify(event)}\n`;
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}
