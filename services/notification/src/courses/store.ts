import mongoose, { Schema, type Connection } from 'mongoose';

/** Course titles and instructors for the notifications, from the events that carry a course's catalog facts. */
interface Course {
  courseId: string;
  title: string;
  /** Who hears of the course's submissions. Absent on a course kept before it was recorded, until its next catalog fact. */
  instructorId?: string;
  factsAt: Date;
}

export type CourseModel = mongoose.Model<Course>;

export async function courseModel(connection: Connection): Promise<CourseModel> {
  const model = connection.model<Course>(
    'Course',
    new Schema<Course>(
      {
        courseId: { type: String, required: true, unique: true },
        title: { type: String, required: true },
        instructorId: { type: String },
        factsAt: { type: Date, required: true },
      },
      { versionKey: false },
    ),
    'courses',
  );
  await model.syncIndexes();
  return model;
}

/** Keeps the title and instructor unless a newer one is kept (course.published and course.updated interleave on a replay). */
export async function keepTitle(model: CourseModel, fact: { courseId: string; title: string; instructorId: string; at: Date }): Promise<void> {
  try {
    await model.updateOne(
      { courseId: fact.courseId, factsAt: { $lte: fact.at } },
      { $set: { title: fact.title, instructorId: fact.instructorId, factsAt: fact.at } },
      { upsert: true },
    );
  } catch (error) {
    // A newer title is kept: the upsert met it on the unique courseId.
    if ((error as { code?: number }).code !== 11000) throw error;
  }
}

export async function titleOf(model: CourseModel, courseId: string): Promise<string | null> {
  return (await model.findOne({ courseId }).lean())?.title ?? null;
}

/** The course's instructor, or null while no catalog fact naming them was kept. */
export async function instructorOf(model: CourseModel, courseId: string): Promise<string | null> {
  return (await model.findOne({ courseId }).lean())?.instructorId ?? null;
}
