/**
 * The benchmark's baseline: the same profile change as a plain synchronous Express + Postgres
 * update of the same row, with no gateway, Kafka, outbox or result wait.
 */
import express from 'express';
import { UpdateProfileRequest } from '@smartcourse/contracts';
import { createDb } from '@smartcourse/platform';

const db = createDb({ url: process.env.USER_DATABASE_URL ?? 'postgres://smartcourse:smartcourse@127.0.0.1:5432/smartcourse_user' });
const app = express();
app.use(express.json());
app.patch('/users/:id', async (req, res) => {
  const change = UpdateProfileRequest.safeParse(req.body);
  if (!change.success) {
    res.status(400).json({ error: { code: 'VALIDATION_ERROR', message: change.error.message } });
    return;
  }
  const [row] = await db('users')
    .where({ id: req.params.id })
    .update({
      ...(change.data.fullName === undefined ? {} : { full_name: change.data.fullName }),
      ...(change.data.bio === undefined ? {} : { bio: change.data.bio }),
      version: db.raw('version + 1'),
      updated_at: db.fn.now(),
    })
    .returning(['id', 'email', 'full_name', 'bio', 'role', 'created_at', 'updated_at']);
  if (!row) {
    res.status(404).json({ error: { code: 'USER_NOT_FOUND', message: 'No such user.' } });
    return;
  }
  res.json({ data: row });
});
const port = Number(process.env.BASELINE_PORT ?? 3199);
app.listen(port, '127.0.0.1', () => process.stdout.write(`baseline listening on ${port}\n`));
process.on('SIGTERM', () => void db.destroy().then(() => process.exit(0)));
