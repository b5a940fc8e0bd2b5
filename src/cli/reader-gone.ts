/**
 * The reader of an output went away (`… | head -1`, a closed dashboard): the command stops
 * writing and ends quietly, with exit code 0, as Unix tools do.
 *
 * @example
 * throw new ReaderGone('stdout');
 */
export class ReaderGone extends Error {
  constructor(readonly output: string) {
    super(`the reader of ${output} went away`);
    this.name = 'ReaderGone';
  }
}
