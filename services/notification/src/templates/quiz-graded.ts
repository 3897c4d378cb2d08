import { courseOf, courseTitleOf, numberFact, type MessageContent, type TemplateData } from './message.js';

/** A quiz attempt graded (quiz.graded); facts: `gradePercent`, `passed`, `attemptNumber`. */
export function quizGraded(data: TemplateData): MessageContent {
  const grade = numberFact(data, 'gradePercent');
  const attempt = numberFact(data, 'attemptNumber');
  const passed = data.facts.passed === true;
  const outcome = passed ? 'You passed' : 'You did not pass this time';
  const score = grade === null ? '' : ` with ${grade}%`;
  const which = attempt === null ? 'Your quiz attempt' : `Your attempt #${attempt}`;
  return {
    subject: `${passed ? 'Quiz passed' : 'Quiz graded'} in ${courseTitleOf(data)}`,
    paragraphs: [[`${which} in `, courseOf(data), ` has been graded. ${outcome}${score}.`], ...(passed ? [] : [['You can review the lesson and try again.']])],
    action: 'See your result',
    inApp: { title: `${passed ? 'Quiz passed' : 'Quiz graded'} in ${courseTitleOf(data)}`, body: `${outcome}${score}.` },
  };
}
