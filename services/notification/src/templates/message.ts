/** What every template is given. */
export interface TemplateData {
  /** null: the recipient is greeted neutrally. */
  recipientName: string | null;
  /** null when the course replica does not know the title yet: the text says "your course". */
  courseTitle: string | null;
  /** Absolute URL into the app (PUBLIC_APP_URL + path). */
  link: string;
  facts: Record<string, string | number | boolean | null>;
  /** When given, the mail ends with a line to unsubscribe from the template's category (never for account mail). */
  unsubscribeUrl?: string | null;
}

/** A piece of a paragraph: plain text, or text stressed in HTML (a course title). Never markup. */
export type Segment = string | { strong: string };

/**
 * What a template says, as plain text pieces: the layout turns it into the text body and the
 * escaped HTML body, so no template writes markup or escapes anything itself.
 */
export interface MessageContent {
  subject: string;
  paragraphs: ReadonlyArray<readonly Segment[]>;
  /** The label of the link to `data.link`. */
  action: string;
  inApp: { title: string; body: string };
}

/** The course as a paragraph segment: its title stressed, or "your course" while it is unknown. */
export const courseOf = (data: TemplateData): Segment => (data.courseTitle === null ? 'your course' : { strong: data.courseTitle });

/** The course title for a subject or an in-app line (plain text). */
export const courseTitleOf = (data: TemplateData): string => data.courseTitle ?? 'your course';

/** A numeric fact, or null when the event did not carry it. */
export function numberFact(data: TemplateData, name: string): number | null {
  const value = data.facts[name];
  return typeof value === 'number' ? value : null;
}

export function textFact(data: TemplateData, name: string): string | null {
  const value = data.facts[name];
  return value === null || value === undefined ? null : String(value);
}
