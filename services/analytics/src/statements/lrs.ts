import { AppError } from '@smartcourse/platform';
import type { RecordStore } from './sender.js';
import { XAPI_VERSION, type Statement } from './statement.js';

export interface LrsSettings {
  /** The xAPI endpoint, e.g. `http://127.0.0.1:8100/xAPI`: statements go to `<url>/statements`. */
  url: string;
  username: string;
  password: string;
  /** Most statements in one request. */
  batchSize: number;
  timeoutMs?: number;
}

/** Longest reason kept: it travels in a dead letter's headers. */
const REASON_LIMIT = 1000;

/**
 * What an LRS answered, short: FastAPI-based LRSs (Ralph) answer `{"detail": "..."}`, or for a
 * statement their models refuse `{"detail": [{"loc": [...], "msg": "..."}, ...]}`.
 */
async function reasonOf(response: Response): Promise<string> {
  const text = await response.text();
  let detail: unknown;
  try {
    detail = (JSON.parse(text) as { detail?: unknown }).detail;
  } catch {
    return text.slice(0, REASON_LIMIT);
  }
  if (typeof detail === 'string') return detail.slice(0, REASON_LIMIT);
  if (!Array.isArray(detail)) return text.slice(0, REASON_LIMIT);
  const issues = detail.map((issue: { loc?: unknown[]; msg?: unknown }) => `${(issue.loc ?? []).join('.')}: ${String(issue.msg)}`);
  return [...new Set(issues)].join('; ').slice(0, REASON_LIMIT);
}

/** The batch with each statement once: a redelivered record repeats one, and an LRS refuses a batch naming an id twice. */
function once(batch: readonly Statement[]): Statement[] {
  const seen = new Map<string, string>();
  return batch.filter((statement) => {
    const json = JSON.stringify(statement);
    if (seen.get(statement.id) === json) return false;
    // the same id with other content stays in, for the LRS to refuse
    if (!seen.has(statement.id)) seen.set(statement.id, json);
    return true;
  });
}

/**
 * An LRS over xAPI's statements resource, with HTTP Basic, as Ralph 5.1 answers
 * (docs/local-servers.md lists what it was seen to answer):
 * - a batch POST stores the statements it lacks: 200 with their ids, or 204 when it held them all
 *   (a statement it holds, equal, is no error);
 * - a batch with an id it holds with other content is refused whole (409): its statements are then
 *   put one at a time (PUT: 204 stored or equal, 409 different), so the new ones are stored, and
 *   the conflicting ones are `STATEMENT_REJECTED`;
 * - a statement its models refuse (422) or any other 4xx refuses the whole batch:
 *   `STATEMENT_REJECTED` with the LRS's reason (the sender then sends one at a time, so only that
 *   one is dead-lettered);
 * - no answer, 5xx (its store unreachable), 429, 408 and refused credentials (401, 403) wait:
 *   `LRS_UNAVAILABLE`, retriable.
 */
export function lrsClient(settings: LrsSettings): RecordStore {
  const base = settings.url.replace(/\/+$/, '');
  const headers = {
    authorization: `Basic ${Buffer.from(`${settings.username}:${settings.password}`).toString('base64')}`,
    'content-type': 'application/json',
    'x-experience-api-version': XAPI_VERSION,
  };

  async function call(method: 'POST' | 'PUT', url: string, body: unknown): Promise<Response> {
    try {
      return await fetch(url, { method, headers, body: JSON.stringify(body), signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000) });
    } catch (error) {
      throw new AppError({ code: 'LRS_UNAVAILABLE', message: `the LRS at ${base} did not answer`, retriable: true, cause: error });
    }
  }

  async function refusal(response: Response, what: string, statementIds: readonly string[]): Promise<AppError> {
    const reason = await reasonOf(response);
    const waits = response.status >= 500 || [401, 403, 408, 429].includes(response.status);
    if (waits) return new AppError({ code: 'LRS_UNAVAILABLE', message: `the LRS answered ${response.status} to ${what}: ${reason}`, retriable: true });
    return new AppError({
      code: 'STATEMENT_REJECTED',
      message: `the LRS refused ${what} (${response.status}): ${reason}`,
      details: { lrsStatus: response.status, lrsReason: reason, statementIds },
    });
  }

  const described = (batch: readonly Statement[]) => (batch.length === 1 ? `statement ${batch[0]!.id}` : `a batch of ${batch.length} statements`);

  /** Puts each statement; every one but those the LRS holds with other content is stored, then those are refused. */
  async function putEach(batch: readonly Statement[]): Promise<void> {
    const conflicts: { id: string; reason: string }[] = [];
    for (const statement of batch) {
      const response = await call('PUT', `${base}/statements?statementId=${encodeURIComponent(statement.id)}`, statement);
      if (response.ok) {
        await response.body?.cancel();
      } else if (response.status === 409) {
        conflicts.push({ id: statement.id, reason: await reasonOf(response) });
      } else {
        throw await refusal(response, `statement ${statement.id}`, [statement.id]);
      }
    }
    if (conflicts.length === 0) return;
    const ids = conflicts.map((conflict) => conflict.id);
    throw new AppError({
      code: 'STATEMENT_REJECTED',
      message: `the LRS holds other statements with the ids ${ids.join(', ')} (409): ${conflicts[0]!.reason}`,
      details: { lrsStatus: 409, lrsReason: conflicts[0]!.reason, statementIds: ids },
    });
  }

  async function postBatch(batch: readonly Statement[]): Promise<void> {
    const response = await call('POST', `${base}/statements`, batch);
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    if (response.status === 409) {
      await response.body?.cancel();
      await putEach(batch);
      return;
    }
    throw await refusal(
      response,
      described(batch),
      batch.map((statement) => statement.id),
    );
  }

  return {
    async store(statements) {
      const unique = once(statements);
      for (let i = 0; i < unique.length; i += settings.batchSize) await postBatch(unique.slice(i, i + settings.batchSize));
    },
  };
}
