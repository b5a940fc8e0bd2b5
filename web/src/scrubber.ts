import { formatInstant, startOfUtcDay } from './format.js';

/** What the scrubber asks of the page. */
export interface ScrubberHandlers {
  /** Show the floor as it was at `atMs`. */
  seek(atMs: number): void;
  /** Follow the stream again. */
  live(): void;
}

/** The scrubber's controls on the page. */
export interface ScrubberControls {
  readonly range: HTMLInputElement;
  readonly live: HTMLButtonElement;
  readonly play: HTMLButtonElement;
  readonly speed: HTMLSelectElement;
}

/** Dragging settles this long before the page fetches the instant. */
const DEBOUNCE_MS = 150;
/** A replay moves on (and fetches) this often: at most four times a second. */
const PLAY_STEP_MS = 250;

/**
 * The time scrubber: a range over the day (the start of the UTC day of the latest event → the
 * latest event, growing live). Dragging it (debounced) asks for that instant; "Live" returns to
 * the stream; "Play" replays from the instant at the chosen speed (1×, 10×, 60×, 600×), stepping
 * four times a second, and returns to live when it catches up.
 *
 * @example
 * const scrubber = new Scrubber(controls, { seek: showPast, live: showLive });
 * scrubber.extend(Date.parse(frame.at));
 */
export class Scrubber {
  private latestMs: number | undefined;
  private past = false;
  private debounce: number | undefined;
  private playing: number | undefined;

  constructor(private readonly controls: ScrubberControls, private readonly handlers: ScrubberHandlers) {
    controls.range.addEventListener('input', () => {
      this.stop();
      window.clearTimeout(this.debounce);
      this.debounce = window.setTimeout(() => this.seek(Number(controls.range.value)), DEBOUNCE_MS);
    });
    controls.live.addEventListener('click', () => this.goLive());
    controls.play.addEventListener('click', () => (this.playing === undefined ? this.play() : this.stop()));
    this.refresh();
  }

  /** The latest event time moved to `latestMs`: the range grows (and follows it while live). */
  extend(latestMs: number): void {
    this.latestMs = latestMs;
    const { range } = this.controls;
    range.min = String(startOfUtcDay(latestMs));
    range.max = String(latestMs);
    if (!this.past) range.value = String(latestMs);
    this.refresh();
  }

  /** Shows past instant `atMs` (clamped to the range). */
  private seek(atMs: number): void {
    const min = Number(this.controls.range.min);
    const clamped = Math.min(Math.max(atMs, min), this.latestMs ?? atMs);
    this.past = true;
    this.controls.range.value = String(clamped);
    this.refresh();
    this.handlers.seek(clamped);
  }

  /** Returns to the stream. */
  private goLive(): void {
    this.stop();
    window.clearTimeout(this.debounce);
    this.past = false;
    if (this.latestMs !== undefined) this.controls.range.value = String(this.latestMs);
    this.refresh();
    this.handlers.live();
  }

  /** Replays from the instant shown at the chosen speed. */
  private play(): void {
    if (this.latestMs === undefined) return;
    if (!this.past) this.seek(Number(this.controls.range.min));
    this.playing = window.setInterval(() => {
      const next = Number(this.controls.range.value) + PLAY_STEP_MS * Number(this.controls.speed.value);
      if (this.latestMs === undefined || next >= this.latestMs) this.goLive();
      else this.seek(next);
    }, PLAY_STEP_MS);
    this.refresh();
  }

  /** Stops a replay where it is. */
  private stop(): void {
    window.clearInterval(this.playing);
    this.playing = undefined;
    this.refresh();
  }

  /** Brings the controls' states and labels up to date. */
  private refresh(): void {
    const { range, live, play } = this.controls;
    range.disabled = this.latestMs === undefined;
    play.disabled = this.latestMs === undefined;
    live.disabled = !this.past;
    live.setAttribute('aria-pressed', String(!this.past));
    play.textContent = this.playing === undefined ? 'Play' : 'Pause';
    play.setAttribute('aria-pressed', String(this.playing !== undefined));
    range.setAttribute('aria-valuetext', range.value === '' ? '' : formatInstant(Number(range.value)));
  }
}
