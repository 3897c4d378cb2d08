import type { EnrollmentStatus, GradebookColumn, GradedLessonKind, LessonGrade } from '@smartcourse/contracts';
import type { Knex } from '@smartcourse/platform';
import type { GradebookEnrollment } from './rules.js';

type Db = Knex | Knex.Transaction;

/** The statuses that have a row in the gradebook: a dropped enrollment has none. */
export const listedStatuses: readonly EnrollmentStatus[] = ['active', 'completed', 'suspended'];

const gradedKinds: readonly GradedLessonKind[] = ['quiz', 'assignment'];

/** Keeps the quiz grade unless one of a later attempt is kept. */
export async function keepQuizGrade(
  trx: Knex.Transaction,
  grade: { studentId: string; lessonId: string; courseId: string; quizId: string; percent: number; passed: boolean; attemptNumber: number; gradedAt: Date },
): Promise<void> {
  await trx.raw(
    `insert into gradebook_quiz_grades (student_id, lesson_id, course_id, quiz_id, percent, passed, attempt_number, graded_at)
     values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (student_id, lesson_id) do update set course_id = excluded.course_id, quiz_id = excluded.quiz_id, percent = excluded.percent,
       passed = excluded.passed, attempt_number = excluded.attempt_number, graded_at = excluded.graded_at
     where gradebook_quiz_grades.attempt_number < excluded.attempt_number`,
    [grade.studentId, grade.lessonId, grade.courseId, grade.quizId, grade.percent, grade.passed, grade.attemptNumber, grade.gradedAt],
  );
}

/** Keeps the assignment grade unless one of a higher revision is kept (a late, lower regrade changes nothing). */
export async function keepAssignmentGrade(
  trx: Knex.Transaction,
  grade: {
    studentId: string;
    lessonId: string;
    courseId: string;
    assignmentId: string;
    submissionId: string;
    score: number;
    maxScore: number;
    percent: number;
    passed: boolean;
    latePenaltyPercent: number;
    revision: number;
    gradedAt: Date;
  },
): Promise<void> {
  await trx.raw(
    `insert into gradebook_assignment_grades
       (student_id, lesson_id, course_id, assignment_id, submission_id, score, max_score, percent, passed, late_penalty_percent, revision, graded_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (student_id, lesson_id) do update set course_id = excluded.course_id, assignment_id = excluded.assignment_id,
       submission_id = excluded.submission_id, score = excluded.score, max_score = excluded.max_score, percent = excluded.percent,
       passed = excluded.passed, late_penalty_percent = excluded.late_penalty_percent, revision = excluded.revision, graded_at = excluded.graded_at
     where gradebook_assignment_grades.revision < excluded.revision`,
    [
      grade.studentId,
      grade.lessonId,
      grade.courseId,
      grade.assignmentId,
      grade.submissionId,
      grade.score,
      grade.maxScore,
      grade.percent,
      grade.passed,
      grade.latePenaltyPercent,
      grade.revision,
      grade.gradedAt,
    ],
  );
}

/** The quiz and assignment lessons of the course's current structure, in outline order. */
export async function gradebookColumns(db: Db, courseId: string): Promise<GradebookColumn[]> {
  const rows = (await db('structure_lessons')
    .select('lesson_id', 'title', 'kind', 'position')
    .where({ course_id: courseId })
    .whereIn('kind', gradedKinds)
    .orderBy('position')) as { lesson_id: string; title: string | null; kind: GradedLessonKind; position: number }[];
  return rows.map((row) => ({ lessonId: row.lesson_id, title: row.title, kind: row.kind, order: row.position + 1 }));
}

interface EnrollmentRow {
  id: string;
  student_id: string;
  status: EnrollmentStatus;
  percent: number;
  enrolled_at: Date;
}

const enrollmentOf = (row: EnrollmentRow): GradebookEnrollment => ({
  id: row.id,
  studentId: row.student_id,
  status: row.status,
  percent: row.percent,
  enrolledAt: row.enrolled_at,
});

const listed = (db: Db, courseId: string) => db('enrollments').where({ course_id: courseId }).whereIn('status', listedStatuses);
const columns = ['id', 'student_id', 'status', 'percent', 'enrolled_at'];

/** One page of the course's listed enrollments, oldest first (a new student lands on the last page). */
export async function gradebookPage(
  db: Db,
  courseId: string,
  page: { page: number; per_page: number },
): Promise<{ entries: GradebookEnrollment[]; total: number }> {
  const [rows, count] = await Promise.all([
    listed(db, courseId)
      .select(columns)
      .orderBy([{ column: 'enrolled_at' }, { column: 'id' }])
      .limit(page.per_page)
      .offset((page.page - 1) * page.per_page) as Promise<EnrollmentRow[]>,
    listed(db, courseId).count<{ count: string }[]>('* as count'),
  ]);
  return { entries: rows.map(enrollmentOf), total: Number(count[0]?.count ?? 0) };
}

/** The next `limit` listed enrollments after `after` in the same order as the pages: the CSV walks the course with it. */
export async function gradebookEnrollmentsAfter(db: Db, courseId: string, after: GradebookEnrollment | null, limit: number): Promise<GradebookEnrollment[]> {
  const query = listed(db, courseId).select(columns);
  // The position is read from the row itself: a timestamp in JavaScript loses the database's microseconds.
  if (after) query.andWhereRaw('(enrolled_at, id) > (select enrolled_at, id from enrollments where id = ?)', [after.id]);
  const rows = (await query.orderBy([{ column: 'enrolled_at' }, { column: 'id' }]).limit(limit)) as EnrollmentRow[];
  return rows.map(enrollmentOf);
}

/** The kept grades of these students in the course: student id → lesson id → grade. */
export async function gradesOfStudents(db: Db, courseId: string, studentIds: readonly string[]): Promise<Map<string, Map<string, LessonGrade>>> {
  const grades = new Map<string, Map<string, LessonGrade>>();
  if (studentIds.length === 0) return grades;
  const put = (studentId: string, lessonId: string, grade: LessonGrade) => {
    const ofStudent = grades.get(studentId) ?? new Map<string, LessonGrade>();
    ofStudent.set(lessonId, grade);
    grades.set(studentId, ofStudent);
  };
  const [quizzes, assignments] = await Promise.all([
    db('gradebook_quiz_grades').where({ course_id: courseId }).whereIn('student_id', studentIds) as Promise<
      { student_id: string; lesson_id: string; percent: number; passed: boolean; attempt_number: number; graded_at: Date }[]
    >,
    db('gradebook_assignment_grades').where({ course_id: courseId }).whereIn('student_id', studentIds) as Promise<
      {
        student_id: string;
        lesson_id: string;
        score: number;
        max_score: number;
        percent: number;
        passed: boolean;
        late_penalty_percent: number;
        revision: number;
        graded_at: Date;
      }[]
    >,
  ]);
  for (const row of quizzes) {
    put(row.student_id, row.lesson_id, {
      kind: 'quiz',
      percent: row.percent,
      passed: row.passed,
      attemptNumber: row.attempt_number,
      gradedAt: row.graded_at.toISOString(),
    });
  }
  for (const row of assignments) {
    put(row.student_id, row.lesson_id, {
      kind: 'assignment',
      percent: row.percent,
      passed: row.passed,
      score: row.score,
      maxScore: row.max_score,
      latePenaltyPercent: row.late_penalty_percent,
      revision: row.revision,
      gradedAt: row.graded_at.toISOString(),
    });
  }
  return grades;
}
