import { courseOf, courseTitleOf, numberFact, type MessageContent, type TemplateData } from './message.js';

/**
 * An assignment graded or regraded (assignment.graded), to its student; facts: `score`,
 * `maxScore`, `percent`, `passed`, `latePenaltyPercent`. The feedback is not here (it never
 * travels on the bus): the link leads to it.
 */
export function assignmentGraded(data: TemplateData): MessageContent {
  const score = numberFact(data, 'score');
  const maxScore = numberFact(data, 'maxScore');
  const percent = numberFact(data, 'percent');
  const penalty = numberFact(data, 'latePenaltyPercent');
  const passed = data.facts.passed === true;
  const points = score === null || maxScore === null ? '' : ` ${score} of ${maxScore} points`;
  const share = percent === null ? '' : points ? ` (${percent}%)` : ` ${percent}%`;
  const result = points || share ? `You got${points}${share}.` : 'Your grade is in.';
  const outcome = passed ? 'You passed.' : 'You have not reached the pass mark yet.';
  const late = penalty !== null && penalty > 0 ? [[`A late penalty of ${penalty}% was applied.`]] : [];
  return {
    subject: `Assignment graded in ${courseTitleOf(data)}`,
    paragraphs: [['Your assignment in ', courseOf(data), ' has been graded. ', `${result} ${outcome}`], ...late, ['The feedback is with your submission.']],
    action: 'See your grade and feedback',
    inApp: { title: `Assignment graded in ${courseTitleOf(data)}`, body: `${result} ${outcome}` },
  };
}
