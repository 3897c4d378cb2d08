import { courseOf, courseTitleOf, numberFact, type MessageContent, type TemplateData } from './message.js';

/** A student handed in work (assignment.submitted), to the course's instructor; facts: `version`, `late`. */
export function assignmentSubmitted(data: TemplateData): MessageContent {
  const version = numberFact(data, 'version');
  const late = data.facts.late === true;
  const what = version !== null && version > 1 ? `a new version (#${version}) of their work` : 'their work';
  const lateness = late ? ', after the due date' : '';
  return {
    subject: `New submission in ${courseTitleOf(data)}`,
    paragraphs: [[`A student handed in ${what} for an assignment of `, courseOf(data), `${lateness}. It is waiting to be graded.`]],
    action: 'Review the submissions',
    inApp: { title: `New submission in ${courseTitleOf(data)}`, body: `A student handed in ${what}${lateness}.` },
  };
}
