import { stepHistogram, type Metrics } from '@smartcourse/platform';

/** The steps of one notification, as `notification_step_seconds{step}` measures them (the bench prints their means). */
export type NotifyStep = 'notification' | 'lookups' | 'inbox entry' | 'deliveries' | 'unread count and push' | 'erasure recheck';

/** Runs a step of a notification and records how long it took. */
export type StepTimer = <T>(step: NotifyStep, work: () => Promise<T>) => Promise<T>;

export function stepTimer(metrics: Metrics): StepTimer {
  const histogram = stepHistogram(metrics.registry, 'notification_step_seconds', 'Steps of handling one notification (document-store round trips)', ['step']);
  return async (step, work) => {
    const end = histogram.startTimer({ step });
    try {
      return await work();
    } finally {
      end();
    }
  };
}
