import { courseOf, courseTitleOf, numberFact, type MessageContent, type TemplateData } from './message.js';

/** A lesson completed (lesson.completed); facts: `percent`, the course's progress after it. */
export function lessonCompleted(data: TemplateData): MessageContent {
  const percent = numberFact(data, 'percent');
  const progress = percent === null ? '' : ` You are ${percent}% through.`;
  return {
    subject: `Lesson completed in ${courseTitleOf(data)}`,
    paragraphs: [['You completed a lesson of ', courseOf(data), `.${progress}`]],
    action: 'Continue the course',
    inApp: { title: `Lesson completed in ${courseTitleOf(data)}`, body: `Well done.${progress}` },
  };
}
