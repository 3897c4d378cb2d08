import mongoose, { Schema, type Connection } from 'mongoose';

/** Who is enrolled where (ids only), for the notifications that go to a course's students. */
interface Enrollment {
  enrollmentId: string;
  studentId: string;
  courseId: string;
  status: string;
  /** The enrollment's version: its events travel on several topics, the highest is kept. */
  version: number;
}

export type EnrollmentModel = mongoose.Model<Enrollment>;

export async function enrollmentModel(connection: Connection): Promise<EnrollmentModel> {
  const schema = new Schema<Enrollment>(
    {
      enrollmentId: { type: String, required: true, unique: true },
      studentId: { type: String, required: true, index: true },
      courseId: { type: String, required: true, index: true },
      status: { type: String, required: true },
      version: { type: Number, required: true },
    },
    { versionKey: false },
  );
  const model = connection.model<Enrollment>('Enrollment', schema, 'enrollments');
  await model.syncIndexes();
  return model;
}

export async function keepEnrollment(model: EnrollmentModel, fact: Enrollment): Promise<void> {
  try {
    await model.updateOne({ enrollmentId: fact.enrollmentId, version: { $lt: fact.version } }, { $set: fact }, { upsert: true });
  } catch (error) {
    // A newer version is kept: the upsert met it on the unique enrollmentId.
    if ((error as { code?: number }).code !== 11000) throw error;
  }
}

/** The students a course still has (every enrollment but a dropped or refunded one). */
export async function studentsOf(model: EnrollmentModel, courseId: string): Promise<string[]> {
  const rows = await model.find({ courseId, status: { $nin: ['dropped', 'refunded'] } }, { studentId: 1 }).lean();
  return rows.map((row) => row.studentId);
}

export async function forgetStudent(model: EnrollmentModel, studentId: string): Promise<void> {
  await model.deleteMany({ studentId });
}
