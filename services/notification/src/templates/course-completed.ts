import { courseOf, courseTitleOf, numberFact, type MessageContent, type TemplateData } from './message.js';

/** An enrollment completed (enrollment.completed); facts: `scorePercent`, null for a course without graded quizzes. */
export function courseCompleted(data: TemplateData): MessageContent {
  const score = numberFact(data, 'scorePercent');
  const withScore = score === null ? '' : ` Your score: ${score}%.`;
  return {
    subject: `You completed ${courseTitleOf(data)}`,
    paragraphs: [['Congratulations: you completed ', courseOf(data), `.${withScore}`]],
    action: 'See your course',
    inApp: { title: `You completed ${courseTitleOf(data)}`, body: `Congratulations.${withScore}` },
  };
}
