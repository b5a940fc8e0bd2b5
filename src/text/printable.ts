/**
 * Characters that must not reach a terminal or a report as they are: C0 and C1 controls (a
 * newline that forges a report line, ESC that starts a terminal sequence, NUL), DEL, and the
 * invisible format characters that reorder or hide text (bidirectional overrides and isolates,
 * zero-width characters, line and paragraph separators, the byte-order mark).
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const escapeOne = (character: string): string =>
  SHORT[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text from untrusted input made safe to show to a person: every control or invisible format
 * character is written as an escape (`\n`, `\u001b`), so what is shown is one line, and what
 * the input says cannot pass for the tool's own output or drive the terminal. Printable text,
 * accents and emoji included, is left as it is.
 *
 * @example
 * printable('agent-1\nline 77: forged'); // 'agent-1\\nline 77: forged'
 * printable('\u001b[2Jcleared');          // '\\u001b[2Jcleared'
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeOne);
}
