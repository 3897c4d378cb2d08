import { courseOf, courseTitleOf, textFact, type MessageContent, type TemplateData } from './message.js';

/** A certificate issued (certificate.issued); facts: `number`, the certificate's number. */
export function certificateIssued(data: TemplateData): MessageContent {
  const number = textFact(data, 'number');
  const numbered = number === null ? '' : ` (number ${number})`;
  return {
    subject: `Your certificate for ${courseTitleOf(data)}`,
    paragraphs: [['Your certificate for ', courseOf(data), ` has been issued${numbered}. You can download it and share its verification link.`]],
    action: 'View your certificate',
    inApp: { title: `Certificate issued for ${courseTitleOf(data)}`, body: `Your certificate${numbered} is ready to download and share.` },
  };
}
