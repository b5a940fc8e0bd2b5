/** Byte-order marks and NUL patterns of the encodings that are not UTF-8, longest first. */
const MARKS: readonly { readonly bytes: readonly number[]; readonly name: string }[] = [
  { bytes: [0xff, 0xfe, 0x00, 0x00], name: 'UTF-32 (little-endian, with a byte-order mark)' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], name: 'UTF-32 (big-endian, with a byte-order mark)' },
  { bytes: [0xff, 0xfe], name: 'UTF-16 (little-endian, with a byte-order mark)' },
  { bytes: [0xfe, 0xff], name: 'UTF-16 (big-endian, with a byte-order mark)' },
];

/**
 * What is wrong with the encoding of input that should be UTF-8, judged from its first bytes: a
 * UTF-16 or UTF-32 byte-order mark, or the NUL byte UTF-16 puts beside every ASCII character.
 * `undefined` when the start may well be UTF-8 (a UTF-8 byte-order mark included).
 *
 * @example
 * encodingProblem(Buffer.from('\ufeff{"id":1}', 'utf16le'));
 * // 'the input is UTF-16 (little-endian, with a byte-order mark), not UTF-8: convert it first, e.g. iconv -f UTF-16 -t UTF-8'
 * encodingProblem(Buffer.from('{"id":1}')); // undefined
 */
export function encodingProblem(start: Uint8Array): string | undefined {
  let name = MARKS.find(({ bytes }) => bytes.every((b, i) => start[i] === b))?.name;
  if (name === undefined && start.length >= 2) {
    if (start[0] !== 0 && start[1] === 0) name = 'UTF-16 (little-endian)';
    else if (start[0] === 0 && start[1] !== 0) name = 'UTF-16 (big-endian)';
  }
  if (name === undefined) return undefined;
  const family = name.slice(0, 6);
  return `the input is ${name}, not UTF-8: convert it first, e.g. iconv -f ${family} -t UTF-8`;
}
