import { randomUUID } from 'node:crypto';
import type { LessonCompleted } from '@smartcourse/contracts';
import { createCodec } from '@smartcourse/platform';

export interface CodecFigures {
  iterations: number;
  /** Microseconds per encode + decode of one event. */
  avroMicros: number;
  jsonMicros: number;
  avroBytes: number;
  jsonBytes: number;
}

/**
 * P5, the Avro codec: encode + decode of one `lesson.completed` event through the platform's
 * codec (the record checked against its schema, Confluent wire format, registry ids cached after
 * the first call) beside `JSON.stringify` + `JSON.parse` of the same object, in one run.
 */
export async function codecFigures(registryUrl: string, iterations = 50_000): Promise<CodecFigures> {
  const codec = createCodec({ registryUrl });
  const event: LessonCompleted = {
    eventId: randomUUID(),
    occurredAt: Date.now(),
    enrollmentId: randomUUID(),
    studentId: randomUUID(),
    courseId: randomUUID(),
    version: 7,
    lessonId: randomUUID(),
    completedAt: Date.now(),
    percent: 66,
  };
  const subject = 'lesson.completed-value';
  const avroOnce = async () => codec.decode('lesson.completed', await codec.encode(subject, event));
  const jsonOnce = () => JSON.parse(JSON.stringify(event)) as unknown;
  const sample = await codec.encode(subject, event);

  const time = async (run: () => unknown) => {
    for (let i = 0; i < Math.min(5000, iterations); i++) await run();
    const started = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await run();
    return Number(process.hrtime.bigint() - started) / 1000 / iterations;
  };
  return {
    iterations,
    avroMicros: await time(avroOnce),
    jsonMicros: await time(jsonOnce),
    avroBytes: sample.length,
    jsonBytes: Buffer.byteLength(JSON.stringify(event)),
  };
}
