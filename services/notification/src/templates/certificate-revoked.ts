import { courseOf, courseTitleOf, textFact, type MessageContent, type TemplateData } from './message.js';

/** A certificate revoked (certificate.revoked); facts: `number` (null when unknown), `reason`. */
export function certificateRevoked(data: TemplateData): MessageContent {
  const number = textFact(data, 'number');
  const reason = textFact(data, 'reason');
  const numbered = number === null ? '' : ` (number ${number})`;
  const because = reason === null ? '' : ` The reason given: ${reason}`;
  return {
    subject: `Your certificate for ${courseTitleOf(data)} was revoked`,
    paragraphs: [['Your certificate for ', courseOf(data), `${numbered} has been revoked and no longer verifies.${because}`]],
    action: 'See your certificates',
    inApp: { title: `Certificate revoked for ${courseTitleOf(data)}`, body: `Your certificate${numbered} no longer verifies.${because}` },
  };
}
