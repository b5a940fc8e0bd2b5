import { isUtf8 } from 'node:buffer';

/** One line of a JSON Lines input, decoded, or why it could not be. */
export type LinePiece =
  | { readonly kind: 'text'; readonly line: number; readonly text: string; readonly last: boolean }
  | { readonly kind: 'too-long'; readonly line: number }
  | { readonly kind: 'invalid-utf8'; readonly line: number };

const NEWLINE = 0x0a;

/** Whether a line holds only whitespace (space, tab, carriage return, newline). */
function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d && b !== NEWLINE) return false;
  }
  return true;
}

/**
 * Splits JSON Lines input into lines as its bytes arrive, fast: a run of complete lines that is
 * valid UTF-8 throughout (the usual case) is decoded once and split as a string; otherwise each
 * line is checked on its own, so one bad byte costs only its line. A line longer than the cap is
 * skipped to its end without being kept. Blank lines are counted, not handed over.
 *
 * @example
 * const lines = new JsonLines(1 << 20, (piece) => console.log(piece));
 * lines.feed(Buffer.from('{"a":1}\n{"b"'));
 * lines.end(); // text line 1, then text line 2 (last: true)
 */
export class JsonLines {
  /** Lines read so far, blank ones included. */
  line = 0;
  blankLines = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private overLong = false;
  private stopped = false;

  constructor(
    private readonly maxLineBytes: number,
    /** Receives each non-blank line; returns `false` to stop. */
    private readonly onPiece: (piece: LinePiece) => boolean | void,
  ) {}

  /** Splits the next bytes; returns `false` once the receiver asked to stop. */
  feed(chunk: Buffer): boolean {
    let start = 0;
    if (this.overLong) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline === -1) return true;
      this.overLong = false;
      this.pendingBytes = 0;
      this.emit({ kind: 'too-long', line: ++this.line });
      start = newline + 1;
    }
    const lastNewline = chunk.lastIndexOf(NEWLINE);
    if (lastNewline < start) {
      this.keep(chunk.subarray(start));
      return !this.stopped;
    }
    if (this.pending.length > 0) {
      // Only the line the last chunk began is joined up: the rest of this chunk is split where it is.
      const firstNewline = chunk.indexOf(NEWLINE, start);
      const joined = Buffer.concat([...this.pending, chunk.subarray(start, firstNewline + 1)]);
      this.pending = [];
      this.pendingBytes = 0;
      this.splitRegion(joined);
      start = firstNewline + 1;
    }
    if (!this.stopped && start <= lastNewline) this.splitRegion(chunk.subarray(start, lastNewline + 1));
    if (!this.stopped) this.keep(chunk.subarray(lastNewline + 1));
    return !this.stopped;
  }

  /** The input has ended: the last line, if it has no newline, is handed over as such. */
  end(): void {
    if (this.stopped || (this.pending.length === 0 && !this.overLong)) return;
    this.line++;
    if (this.overLong) this.emit({ kind: 'too-long', line: this.line });
    else this.bytesLine(Buffer.concat(this.pending), true);
  }

  /** Complete lines (the region ends with a newline). */
  private splitRegion(region: Buffer): void {
    if (isUtf8(region)) {
      const text = region.toString('utf8');
      for (let from = 0; from < text.length && !this.stopped; ) {
        const newline = text.indexOf('\n', from);
        this.line++;
        this.textLine(text.slice(from, newline), false);
        from = newline + 1;
      }
      return;
    }
    for (let from = 0; from < region.length && !this.stopped; ) {
      const newline = region.indexOf(NEWLINE, from);
      this.line++;
      this.bytesLine(region.subarray(from, newline), false);
      from = newline + 1;
    }
  }

  /** One decoded line (its newline removed). */
  private textLine(raw: string, last: boolean): void {
    const text = raw.charCodeAt(raw.length - 1) === 0x0d ? raw.slice(0, -1) : raw;
    if (text.trim().length === 0) {
      this.blankLines++;
      return;
    }
    // A character is 1 to 4 bytes: count bytes only when the characters alone do not decide.
    const max = this.maxLineBytes;
    if (text.length > max || (text.length * 3 > max && Buffer.byteLength(text) > max)) this.emit({ kind: 'too-long', line: this.line });
    else this.emit({ kind: 'text', line: this.line, text, last });
  }

  /** One line as bytes (its newline removed): checked for UTF-8 before it is decoded. */
  private bytesLine(raw: Buffer, last: boolean): void {
    if (raw.length > this.maxLineBytes) this.emit({ kind: 'too-long', line: this.line });
    else if (isUtf8(raw)) this.textLine(raw.toString('utf8'), last);
    else if (isBlank(raw)) this.blankLines++;
    else this.emit({ kind: 'invalid-utf8', line: this.line });
  }

  /** Keeps the start of an unfinished line, up to the cap; past it, the line is skipped to its end. */
  private keep(part: Buffer): void {
    if (this.overLong || part.length === 0) return;
    this.pendingBytes += part.length;
    if (this.pendingBytes > this.maxLineBytes) {
      this.overLong = true;
      this.pending = [];
    } else this.pending.push(part);
  }

  private emit(piece: LinePiece): void {
    if (this.onPiece(piece) === false) this.stopped = true;
  }
}
