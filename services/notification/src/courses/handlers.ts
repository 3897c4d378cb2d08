import type { CoursePublished, CourseUpdated } from '@smartcourse/contracts';
import type { IncomingMessage, Subscription } from '@smartcourse/platform';
import { keepTitle, type CourseModel } from './store.js';

export function courseSubscriptions(model: CourseModel): Subscription[] {
  const handle = async (message: IncomingMessage) => {
    const event = message.value as unknown as CoursePublished | CourseUpdated;
    await keepTitle(model, { courseId: event.courseId, title: event.title, at: new Date(event.occurredAt) });
  };
  return [
    { topic: 'course.published', fromBeginning: true, handle },
    { topic: 'course.updated', fromBeginning: true, handle },
  ];
}
