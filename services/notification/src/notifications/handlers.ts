import type { DocumentContext, EventHandler, Logger } from '@smartcourse/platform';
import { instructorOf, titleOf, type CourseModel } from '../courses/store.js';
import { recordDeliveries, type DeliveryDraft, type DeliveryModel } from '../deliveries/store.js';
import { studentsOf, type EnrollmentModel } from '../enrollments/store.js';
import { type Pusher } from '../inbox/push.js';
import { addEntry, unreadCount, type InboxEntry, type InboxModels } from '../inbox/store.js';
import { notificationView } from '../inbox/views.js';
import { channelsFor, type PreferenceModel } from '../preferences/store.js';
import { findRecipient, isErased, type RecipientModels } from '../recipients/store.js';
import { renderTemplate } from '../templates/render.js';
import { planFor, type NotifyingTopic, type Plan } from './rules.js';
import type { StepTimer } from './steps.js';

export interface NotifyDeps {
  recipients: RecipientModels;
  courses: CourseModel;
  enrollments: EnrollmentModel;
  inbox: InboxModels;
  deliveries: DeliveryModel;
  preferences: PreferenceModel;
  pusher: Pusher;
  /** Tells the mail dispatcher a delivery is waiting. */
  mailRecorded(): void;
  /** Forgets what was just stored for a person erased meanwhile. */
  purge(userId: string): Promise<void>;
  /**
   * Mail about an event older than this is recorded as suppressed (`stale`), not sent: a group
   * rebuilding an empty store from the topics must not mail people about last month.
   */
  mailMaxAgeMs: number;
  /** Times each step of a notification. */
  step: StepTimer;
}

/**
 * An event → its notifications: at most one per channel and recipient (the inbox and the
 * delivery records are keyed by event, channel and recipient), so a redelivery or a replay of
 * the topic adds nothing and sends nothing again. Mail is only recorded here; the dispatcher
 * sends it.
 */
export function notify<T extends NotifyingTopic>(deps: NotifyDeps, topic: T): EventHandler<T, DocumentContext> {
  return async (event, { log, afterwards }) => {
    const plan = planFor(topic, event);
    const userIds = await recipientsOf(deps, plan);
    let mail = false;
    for (const userId of userIds) mail = (await deps.step('notification', () => notifyOne(deps, plan, userId, log))) || mail;
    if (mail) afterwards(deps.mailRecorded);
  };
}

/** Who a plan goes to. A course's instructor not known yet (the course topics interleave with this one) fails the event, to be retried. */
async function recipientsOf(deps: NotifyDeps, plan: Plan): Promise<string[]> {
  if ('userId' in plan.to) return [plan.to.userId];
  if ('studentsOf' in plan.to) return studentsOf(deps.enrollments, plan.to.studentsOf);
  const instructorId = await instructorOf(deps.courses, plan.to.instructorOf);
  if (instructorId === null) throw new Error(`the instructor of course ${plan.to.instructorOf} is not known yet`);
  return [instructorId];
}

/**
 * Notifies one person in three round trips to the document store, each a set of independent
 * requests sent together: what the notification needs (erasure, preferences, name, title); the
 * inbox entry beside the delivery records; the unread count for the push beside the erasure
 * recheck. Answers true when a mail delivery was recorded.
 */
async function notifyOne(deps: NotifyDeps, plan: Plan, userId: string, log: Logger): Promise<boolean> {
  const { step } = deps;
  const [erased, channels, recipient, title] = await step('lookups', () =>
    Promise.all([
      isErased(deps.recipients, userId),
      plan.channels.inApp ? channelsFor(deps.preferences, userId, plan.category) : undefined,
      plan.channels.inApp ? findRecipient(deps.recipients, userId) : undefined,
      plan.channels.inApp && plan.courseId ? titleOf(deps.courses, plan.courseId) : null,
    ]),
  );
  if (erased) return false;
  const base = { eventId: plan.eventId, userId, category: plan.category, template: plan.template, courseId: plan.courseId, link: plan.link, facts: plan.facts };
  const stale = Date.now() - plan.occurredAt > deps.mailMaxAgeMs;
  const inApp = channels?.inApp === true;
  const drafts: DeliveryDraft[] = [];
  if (plan.channels.inApp)
    drafts.push(inApp ? { ...base, channel: 'inApp', status: 'delivered' } : { ...base, channel: 'inApp', status: 'suppressed', reason: 'preference' });
  if (plan.channels.email) drafts.push({ ...base, channel: 'email', ...(stale ? { status: 'suppressed', reason: 'stale' } : { status: 'pending' }) });
  const addInApp = async () => {
    const { inApp: text } = renderTemplate(plan.template, {
      recipientName: recipient?.fullName ?? null,
      courseTitle: title,
      link: plan.link,
      facts: plan.facts,
      unsubscribeUrl: null,
    });
    return addEntry(deps.inbox, {
      userId,
      eventId: plan.eventId,
      category: plan.category,
      kind: plan.template,
      title: text.title,
      body: text.body,
      link: plan.link,
    });
  };
  const [entry, created] = await Promise.all([
    inApp ? step('inbox entry', addInApp) : undefined,
    step('deliveries', () => recordDeliveries(deps.deliveries, drafts)),
  ]);
  const mail = plan.channels.email && created[drafts.length - 1] === true && !stale;
  const push = async (added: InboxEntry) =>
    deps.pusher.push(userId, { type: 'notification', notification: notificationView(added), unreadCount: await unreadCount(deps.inbox, userId) });
  // The erasure records the id before it purges, so one that ran meanwhile is seen here.
  const [erasedMeanwhile] = await Promise.all([
    step('erasure recheck', () => isErased(deps.recipients, userId)),
    entry ? step('unread count and push', () => push(entry)) : undefined,
  ]);
  if (erasedMeanwhile) {
    await deps.purge(userId);
    log.info({ eventId: plan.eventId, userId }, 'person erased meanwhile; their notification purged');
    return false;
  }
  return mail;
}
