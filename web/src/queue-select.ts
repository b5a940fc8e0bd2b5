import type { MetricsReport } from '../../src/metrics/compute-metrics.js';
import { element } from './dom.js';
import { ALL_QUEUES, queueKey, queueLabel } from './queues.js';

/**
 * The queue selector: "All queues" and each queue the report lists. The choice stays while its
 * queue leaves the report (its figures read as zero).
 *
 * @example
 * const queues = new QueueSelect(select, () => render());
 * queues.offer(report);
 * queues.selected(); // 'q:q-support'
 */
export class QueueSelect {
  /** The options' keys and labels, to rebuild them only when the queues change. */
  private offered = '';

  constructor(private readonly select: HTMLSelectElement, changed: () => void) {
    select.addEventListener('change', changed);
    this.offer(undefined);
  }

  /** The chosen queue's key ({@link ALL_QUEUES} for all). */
  selected(): string {
    return this.select.value;
  }

  /** Lists the queues of `report` (and the chosen one, when it left). */
  offer(report: MetricsReport | undefined): void {
    const chosen = this.select.value;
    const options = new Map<string, string>([[ALL_QUEUES, 'All queues']]);
    for (const q of report?.queues ?? []) options.set(queueKey(q.queue), queueLabel(q.queue));
    if (!options.has(chosen)) options.set(chosen, this.select.selectedOptions[0]?.textContent ?? chosen);
    const signature = JSON.stringify([...options]);
    if (signature === this.offered) return;
    this.offered = signature;
    this.select.replaceChildren(...[...options].map(([value, label]) => element('option', { text: label, attrs: { value } })));
    this.select.value = chosen;
  }
}
