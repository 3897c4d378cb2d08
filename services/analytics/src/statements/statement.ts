import { v5 as uuidv5 } from 'uuid';

/**
 * xAPI 1.0.3 statements, built from the facts of one event alone: the same event always yields the
 * same statement (its id is a UUID v5 of the event id, and nothing that can change later, such as
 * a title, is in it), so a replay sends an LRS nothing new and a duplicate is the same statement.
 */

/** The namespace of statement ids (UUID v5 of an event id in it). Never change it: ids would change. */
const STATEMENT_NAMESPACE = 'a66f6f21-4811-464d-a7b0-e234e017c197';

export const XAPI_VERSION = '1.0.3';

export const verbs = {
  registered: 'http://adlnet.gov/expapi/verbs/registered',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  earned: 'http://id.tincanapi.com/verb/earned',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
} as const;

export type Verb = keyof typeof verbs;

const activityTypes = {
  course: 'http://adlnet.gov/expapi/activities/course',
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  quiz: 'http://adlnet.gov/expapi/activities/assessment',
  assignment: 'http://id.tincanapi.com/activitytype/school-assignment',
  certificate: 'http://id.tincanapi.com/activitytype/certificate',
} as const;

export type ActivityKind = keyof typeof activityTypes;

/** Where an activity lives in the public API: its id is that URL, stable for the life of the platform. */
const activityPaths: Record<ActivityKind, string> = {
  course: 'courses',
  lesson: 'lessons',
  quiz: 'quizzes',
  assignment: 'assignments',
  certificate: 'certificates',
};

export interface Activity {
  kind: ActivityKind;
  id: string;
}

export interface Score {
  raw: number;
  max: number;
}

/** What a statement says, in the platform's terms. */
export interface LearningRecord {
  /** The event it comes from: the statement id is derived from it. */
  eventId: string;
  actorId: string;
  verb: Exclude<Verb, 'voided'>;
  object: Activity;
  /** The course, for a lesson, quiz, assignment or certificate. */
  course?: string;
  /** The enrollment, as the statement's registration. */
  registration?: string;
  score?: Score;
  success?: boolean;
  completion?: boolean;
  timestamp: Date;
}

export interface Statement {
  id: string;
  actor: { objectType: 'Agent'; account: { homePage: string; name: string } };
  verb: { id: string; display: { 'en-US': string } };
  object: { objectType: 'Activity'; id: string; definition: { type: string } } | { objectType: 'StatementRef'; id: string };
  result?: { score?: { scaled: number; raw: number; min: number; max: number }; success?: boolean; completion?: boolean };
  context?: { registration?: string; platform: string; contextActivities?: { parent: Array<{ objectType: 'Activity'; id: string }> } };
  timestamp: string;
  version: typeof XAPI_VERSION;
}

export function statementIdOf(eventId: string): string {
  return uuidv5(eventId, STATEMENT_NAMESPACE);
}

export function activityIdOf(baseUrl: string, activity: Activity): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/${activityPaths[activity.kind]}/${activity.id}`;
}

/** The actor: an account on the platform named by the user id, never an email or a name. */
function actorOf(baseUrl: string, userId: string): Statement['actor'] {
  return { objectType: 'Agent', account: { homePage: baseUrl.replace(/\/+$/, ''), name: userId } };
}

const verbOf = (verb: Verb): Statement['verb'] => ({ id: verbs[verb], display: { 'en-US': verb } });

/** A scaled score in [0, 1], rounded to 4 places (a maxScore of 0 scales to 0). */
export function scaled(score: Score): number {
  if (score.max <= 0) return 0;
  return Math.round(Math.min(1, Math.max(0, score.raw / score.max)) * 10_000) / 10_000;
}

export function statementOf(baseUrl: string, record: LearningRecord): Statement {
  const result: NonNullable<Statement['result']> = {
    ...(record.score ? { score: { scaled: scaled(record.score), raw: record.score.raw, min: 0, max: record.score.max } } : {}),
    ...(record.success === undefined ? {} : { success: record.success }),
    ...(record.completion === undefined ? {} : { completion: record.completion }),
  };
  const parent = record.course
    ? { contextActivities: { parent: [{ objectType: 'Activity' as const, id: activityIdOf(baseUrl, { kind: 'course', id: record.course }) }] } }
    : {};
  return {
    id: statementIdOf(record.eventId),
    actor: actorOf(baseUrl, record.actorId),
    verb: verbOf(record.verb),
    object: { objectType: 'Activity', id: activityIdOf(baseUrl, record.object), definition: { type: activityTypes[record.object.kind] } },
    ...(Object.keys(result).length > 0 ? { result } : {}),
    context: { ...(record.registration ? { registration: record.registration } : {}), platform: 'SmartCourse', ...parent },
    timestamp: record.timestamp.toISOString(),
    version: XAPI_VERSION,
  };
}

/** Who voids statements: the platform itself, not the erased person. */
export const PLATFORM_ACCOUNT = 'smartcourse-platform';

/**
 * The statement that voids another, after its actor's erasure; its id derives from the erasure and
 * the voided statement, so an erasure handled twice voids with the same statements.
 */
export function voidingStatementOf(baseUrl: string, voiding: { erasureEventId: string; statementId: string; at: Date }): Statement {
  return {
    id: statementIdOf(`${voiding.erasureEventId}:${voiding.statementId}`),
    actor: actorOf(baseUrl, PLATFORM_ACCOUNT),
    verb: verbOf('voided'),
    object: { objectType: 'StatementRef', id: voiding.statementId },
    timestamp: voiding.at.toISOString(),
    version: XAPI_VERSION,
  };
}
