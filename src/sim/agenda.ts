/** Something the simulation does at a given simulated time. */
export type Action = () => void;

/** Whether (time a, seq a) sorts before (time b, seq b). */
const before = (ta: number, sa: number, tb: number, sb: number): boolean => ta < tb || (ta === tb && sa < sb);

/**
 * The future of a discrete-event simulation: actions ordered by time (ms since the start), and
 * actions at the same time in the order they were scheduled. A binary heap over parallel arrays.
 *
 * @example
 * const agenda = new Agenda();
 * agenda.schedule(5, () => console.log('later'));
 * agenda.schedule(1, () => console.log('first'));
 * while (agenda.runNext()) {} // first, later
 */
export class Agenda {
  private readonly times: number[] = [];
  private readonly seqs: number[] = [];
  private readonly actions: Action[] = [];
  private nextSeq = 0;
  /** The time of the action that runs now (or ran last). */
  now = 0;

  /** Schedules `action` at `time`; a time in the past means now. */
  schedule(time: number, action: Action): void {
    const at = time < this.now ? this.now : time;
    const { times, seqs, actions } = this;
    const seq = this.nextSeq++;
    let i = times.length;
    times.push(at);
    seqs.push(seq);
    actions.push(action);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(at, seq, times[parent]!, seqs[parent]!)) break;
      this.place(i, times[parent]!, seqs[parent]!, actions[parent]!);
      i = parent;
    }
    this.place(i, at, seq, action);
  }

  /** Writes one entry into heap slot `i`. */
  private place(i: number, time: number, seq: number, action: Action): void {
    this.times[i] = time;
    this.seqs[i] = seq;
    this.actions[i] = action;
  }

  /** Runs the earliest action; `false` when nothing is left. */
  runNext(): boolean {
    const { times, seqs, actions } = this;
    if (times.length === 0) return false;
    const time = times[0]!;
    const action = actions[0]!;
    const lastTime = times.pop()!;
    const lastSeq = seqs.pop()!;
    const lastAction = actions.pop()!;
    const n = times.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && before(times[right]!, seqs[right]!, times[left]!, seqs[left]!) ? right : left;
        if (!before(times[child]!, seqs[child]!, lastTime, lastSeq)) break;
        this.place(i, times[child]!, seqs[child]!, actions[child]!);
        i = child;
      }
      this.place(i, lastTime, lastSeq, lastAction);
    }
    this.now = time;
    action();
    return true;
  }
}
