/** What the scanner hands over: a value's bytes, or a stretch of input that is not one. */
export type ScannedPiece =
  | { readonly kind: 'value'; readonly index: number; readonly line: number; readonly bytes: Buffer }
  | { readonly kind: 'too-long'; readonly index: number; readonly line: number }
  | { readonly kind: 'not-json'; readonly index: number; readonly line: number; readonly message: string };

const enum State {
  /** Between top-level values. */
  Top,
  /** Inside a value. */
  Value,
  /** Inside a top-level array, before its first element or after a comma. */
  ListItem,
  /** Inside a top-level array, after an element. */
  ListAfter,
  /** In text that is not JSON, to the end of its line. */
  Junk,
  /** The array is malformed: nothing more is read. */
  Broken,
}

const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const COMMA = 0x2c;
/** Whitespace, and the bytes of a byte-order mark (EF BB BF): invisible between values, they are skipped there. */
const isSpace = (b: number) => b === 0x20 || b === NEWLINE || b === 0x0d || b === 0x09 || b === 0xef || b === 0xbb || b === 0xbf;
/** The first bytes a JSON value can start with: `{`, `[`, `"`, `-`, a digit, `t`, `f`, `n`. */
const startsValue = (b: number) =>
  b === OPEN_BRACE || b === OPEN_BRACKET || b === QUOTE || b === 0x2d || (b >= 0x30 && b <= 0x39) || b === 0x74 || b === 0x66 || b === 0x6e;
const shown = (b: number) => (b >= 0x20 && b < 0x7f ? `"${String.fromCharCode(b)}"` : `byte 0x${b.toString(16).padStart(2, '0')}`);

/**
 * Finds JSON values in bytes as they arrive, without parsing them: values one after another
 * (JSON Lines, pretty-printed values in a row), and the elements of a top-level array, each a
 * value of its own. Memory is bounded by the largest value; each complete value is handed over
 * as soon as it ends, with its number and the line it starts on. Strings (with escapes) and
 * nesting are followed; the value's own JSON is checked by whoever parses its bytes.
 *
 * Damage costs only what it touches: text that cannot start a value is reported to the end of
 * its line; a value still open when a line starts with `{` (a truncated line), or whose string
 * runs into a line break, is reported incomplete and the next one is read; an array cut off
 * keeps every element before the cut.
 *
 * @example
 * const scanner = new JsonValueScanner(1 << 20, (piece) => console.log(piece));
 * scanner.feed(Buffer.from('[{"id":"e1"},{"id":'));
 * scanner.end(); // value 1, then: not-json: the JSON array is cut off … element 2 … is incomplete
 */
export class JsonValueScanner {
  private state = State.Top;
  private index = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private scalar = false;
  private inList = false;
  private lineStartsAfterNewline = false;
  private parts: Buffer[] = [];
  private partBytes = 0;
  private overLong = false;
  private offset = 0;
  private line = 1;
  private valueByte = 0;
  private valueLine = 1;
  private junkLine = 1;
  private junk: number[] = [];

  constructor(
    private readonly maxValueBytes: number,
    /** Receives each piece; returns `false` to stop. */
    private readonly onPiece: (piece: ScannedPiece) => boolean | void,
  ) {}

  /** Scans the next bytes; returns `false` once the receiver asked to stop or the array broke. */
  feed(chunk: Buffer): boolean {
    let start = this.state === State.Value ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      switch (this.state) {
        case State.Value: {
          const ended = this.scanValue(chunk, start, i, b);
          if (ended === 'stop') return false;
          if (ended === 'again') {
            i--; // the byte that ended the value is read again, after it
            continue;
          }
          if (ended === 'restart') {
            start = i;
            this.startValue(b, i);
          }
          break;
        }
        case State.Top:
          if (isSpace(b)) break;
          if (b === OPEN_BRACKET && !this.inList) {
            this.inList = true;
            this.listStart = this.index;
            this.state = State.ListItem;
          } else if (startsValue(b)) {
            start = i;
            this.startValue(b, i);
          } else {
            this.state = State.Junk;
            this.junkLine = this.line;
            this.junk = [];
            i--;
            continue;
          }
          break;
        case State.ListItem:
          if (isSpace(b)) break;
          if (b === CLOSE_BRACKET && this.index === this.listStart) this.closeList();
          else if (!startsValue(b)) return this.broken(`expected an element after ${this.index === this.listStart ? '[' : `element ${this.index} and its comma`}, found ${shown(b)}`, i);
          else {
            start = i;
            this.startValue(b, i);
          }
          break;
        case State.ListAfter:
          if (isSpace(b)) break;
          if (b === COMMA) this.state = State.ListItem;
          else if (b === CLOSE_BRACKET) this.closeList();
          else return this.broken(`expected , or ] after element ${this.index}, found ${shown(b)}`, i);
          break;
        case State.Junk:
          if (b === NEWLINE) {
            if (this.emit(this.junkPiece()) === false) return false;
            this.state = State.Top;
          } else if (this.junk.length < 64) this.junk.push(b);
          break;
        case State.Broken:
          return false;
      }
      if (b === NEWLINE) this.line++;
    }
    if (this.state === State.Value) this.keep(chunk.subarray(Math.max(start, 0)));
    this.offset += chunk.length;
    return true;
  }

  /** The input has ended: a value still open is reported incomplete, an array without its `]` as cut off. */
  end(): void {
    const where = `at byte ${this.offset} (line ${this.line})`;
    if (this.state === State.Value && this.scalar && !this.inList) {
      this.finish(Buffer.alloc(0), 0, 0); // a number or literal on the last line, with no newline after it
    } else if (this.state === State.Value) {
      this.emit({
        kind: 'not-json', index: this.index, line: this.valueLine,
        message: this.inList
          ? `the JSON array is cut off ${where}: element ${this.index - this.listStart}, from byte ${this.valueByte} (line ${this.valueLine}), is incomplete and there is no closing ]; the ${this.index - this.listStart - 1} elements before it were read`
          : `incomplete JSON value at the end of the input (from line ${this.valueLine})`,
      });
    } else if (this.state === State.ListItem || this.state === State.ListAfter) {
      this.emit({
        kind: 'not-json', index: this.index + 1, line: this.line,
        message: `the JSON array is cut off ${where}, after element ${this.index - this.listStart}: there is no closing ]; the ${this.index - this.listStart} elements before the cut were read`,
      });
    } else if (this.state === State.Junk) {
      this.emit(this.junkPiece());
    }
    this.state = State.Broken;
  }

  /** Text that is not JSON, to the end of its line, shown in a message (its first 60 characters). */
  private junkPiece(): ScannedPiece {
    const text = Buffer.from(this.junk).toString('utf8').trimEnd();
    const shownText = text.length > 60 ? `${text.slice(0, 60)}…` : text;
    return { kind: 'not-json', index: ++this.index, line: this.junkLine, message: `not JSON: ${JSON.stringify(shownText)}` };
  }

  /** Values counted before the current top-level array opened: elements are numbered from 1 within it. */
  private listStart = 0;

  private closeList(): void {
    this.inList = false;
    this.state = State.Top;
  }

  /**
   * One byte inside a value: `done` when the value goes on, `again` when it ended just before
   * this byte, `restart` when a new value starts at this byte, `stop` when the receiver said so.
   */
  private scanValue(chunk: Buffer, start: number, i: number, b: number): 'done' | 'again' | 'restart' | 'stop' {
    if (this.lineStartsAfterNewline) {
      this.lineStartsAfterNewline = false;
      // A line that starts with `{` while a value is open: the open one was cut off (a truncated line).
      if (b === OPEN_BRACE && !this.inString) return this.incomplete(`incomplete JSON value (line ${this.line} starts a new one)`) ? 'restart' : 'stop';
    }
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (b === 0x5c) this.escaped = true;
      else if (b === QUOTE) {
        this.inString = false;
        if (this.depth === 0) return this.finish(chunk, start, i + 1) ? 'done' : 'stop';
      } else if (b === NEWLINE && !this.inList) {
        // A JSON string cannot hold a line break: the line was cut off inside it.
        if (!this.incomplete(`incomplete JSON value (a string runs into the end of line ${this.line})`)) return 'stop';
        this.state = State.Top;
      }
      return 'done';
    }
    if (this.scalar) {
      // A number or literal ends at what follows it in an array; at the top, a line holds one value.
      const ends = this.inList ? b === COMMA || b === CLOSE_BRACKET || isSpace(b) : b === NEWLINE;
      if (ends) return this.finish(chunk, start, i) ? 'again' : 'stop';
      return 'done';
    }
    if (b === QUOTE) this.inString = true;
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) this.depth++;
    else if ((b === 0x7d || b === CLOSE_BRACKET) && --this.depth === 0) return this.finish(chunk, start, i + 1) ? 'done' : 'stop';
    else if (b === NEWLINE) this.lineStartsAfterNewline = true;
    return 'done';
  }

  private startValue(b: number, at: number): void {
    this.state = State.Value;
    this.index++;
    this.depth = b === OPEN_BRACE || b === OPEN_BRACKET ? 1 : 0;
    this.inString = b === QUOTE;
    this.escaped = false;
    this.scalar = !this.inString && this.depth === 0;
    this.lineStartsAfterNewline = false;
    this.parts = [];
    this.partBytes = 0;
    this.overLong = false;
    this.valueByte = this.offset + at;
    this.valueLine = this.line;
  }

  private keep(part: Buffer): void {
    if (this.overLong) return;
    this.partBytes += part.length;
    if (this.partBytes > this.maxValueBytes) {
      this.overLong = true;
      this.parts = [];
    } else this.parts.push(part);
  }

  private finish(chunk: Buffer, start: number, end: number): boolean {
    this.keep(chunk.subarray(Math.max(start, 0), end));
    this.state = this.inList ? State.ListAfter : State.Top;
    const { index, valueLine: line } = this;
    const piece: ScannedPiece = this.overLong
      ? { kind: 'too-long', index, line }
      : { kind: 'value', index, line, bytes: this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts) };
    this.parts = [];
    return this.emit(piece) !== false;
  }

  /** The open value is reported incomplete; the caller decides what comes next. */
  private incomplete(message: string): boolean {
    this.parts = [];
    this.state = this.inList ? State.ListAfter : State.Top;
    return this.emit({ kind: 'not-json', index: this.index, line: this.valueLine, message }) !== false;
  }

  private broken(what: string, at: number): false {
    this.state = State.Broken;
    this.onPiece({
      kind: 'not-json', index: this.index + 1, line: this.line,
      message: `the JSON array is malformed at byte ${this.offset + at} (line ${this.line}): ${what}; the rest of the log was not read`,
    });
    return false;
  }

  private emit(piece: ScannedPiece): boolean | void {
    const go = this.onPiece(piece);
    if (go === false) this.state = State.Broken;
    return go;
  }
}
