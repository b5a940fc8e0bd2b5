/** One Server-Sent Events message. */
export interface SseMessage {
  /** The `id` in force when the message was dispatched (the last one seen), or `''`. */
  readonly id: string;
  /** The `event` field; `message` when none was given. */
  readonly event: string;
  /** The `data` lines, joined by newlines. */
  readonly data: string;
}

/**
 * Reads the `text/event-stream` format from text chunks, as they arrive: fields `id:`, `event:`,
 * `data:` (over several lines), a blank line ends a message, a line starting with `:` is a comment
 * (a heartbeat). Lines may end in CRLF, LF or CR, and may be split across chunks.
 *
 * @example
 * const parser = new SseParser();
 * parser.push('id: 7\nevent: state\ndata: {"a":1}\n\n'); // [{ id: '7', event: 'state', data: '{"a":1}' }]
 */
export class SseParser {
  private buffer = '';
  private lastId = '';
  private event = '';
  private data: string[] = [];
  /** A chunk ended in CR: an LF that starts the next one belongs to it. */
  private pendingCr = false;

  /** Feeds a chunk of text; returns the messages it completes. */
  push(chunk: string): SseMessage[] {
    let text = chunk;
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = text.endsWith('\r');
    // What the buffer held has no line end: only the new text is searched (a long line arriving in
    // many chunks costs its length once, not once per chunk).
    const searchFrom = this.buffer.length;
    this.buffer += text;
    const messages: SseMessage[] = [];
    const lineEnd = /\r\n|\r|\n/g;
    lineEnd.lastIndex = searchFrom;
    let start = 0;
    for (let match = lineEnd.exec(this.buffer); match !== null; match = lineEnd.exec(this.buffer)) {
      const message = this.line(this.buffer.slice(start, match.index));
      if (message !== undefined) messages.push(message);
      start = match.index + match[0].length;
    }
    this.buffer = this.buffer.slice(start);
    return messages;
  }

  /** Handles one complete line; returns the message a blank line completes. */
  private line(line: string): SseMessage | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\u0000')) this.lastId = value;
    return undefined;
  }

  /** Ends the message being read: dispatches it when it has data, and resets the fields. */
  private dispatch(): SseMessage | undefined {
    const message = this.data.length === 0 ? undefined : { id: this.lastId, event: this.event === '' ? 'message' : this.event, data: this.data.join('\n') };
    this.event = '';
    this.data = [];
    return message;
  }
}
