import { courseOf, type MessageContent, type TemplateData } from './message.js';

/** A course archived by its instructor (course.archived), told to each of its students. */
export function courseArchived(data: TemplateData): MessageContent {
  const headline = data.courseTitle === null ? 'Your course has been archived' : `${data.courseTitle} has been archived`;
  return {
    subject: headline,
    paragraphs: [
      [
        ...(data.courseTitle === null ? ['A course you are enrolled in'] : ['The course ', courseOf(data)]),
        ' has been archived: it takes no new enrollments. Your progress and certificates stay yours.',
      ],
    ],
    action: 'See the course',
    inApp: { title: headline, body: 'It takes no new enrollments; your progress and certificates stay yours.' },
  };
}
