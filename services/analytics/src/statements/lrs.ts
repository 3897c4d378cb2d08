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

/** What an LRS answered, kept short for a dead letter's headers. */
async function reasonOf(response: Response): Promise<string> {
  return (await response.text()).slice(0, 1000);
}

/**
 * An LRS over xAPI's statements resource, with HTTP Basic: batches by POST; a batch refused with
 * 409 (an id it already has) is sent again one statement at a time by PUT, where 409 and 204 both
 * mean the LRS holds it. Unreachable, 5xx, 429, 408 and refused credentials wait (retriable);
 * any other 4xx is the statement's fault: `STATEMENT_REJECTED` with the LRS's reason.
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

  async function refusal(response: Response, what: string): Promise<AppError> {
    const reason = await reasonOf(response);
    const waits = response.status >= 500 || [401, 403, 408, 429].includes(response.status);
    if (waits) return new AppError({ code: 'LRS_UNAVAILABLE', message: `the LRS answered ${response.status} to ${what}: ${reason}`, retriable: true });
    return new AppError({
      code: 'STATEMENT_REJECTED',
      message: `the LRS refused ${what} (${response.status}): ${reason}`,
      details: { lrsStatus: response.status, lrsReason: reason },
    });
  }

  async function putOne(statement: Statement): Promise<void> {
    const response = await call('PUT', `${base}/statements?statementId=${encodeURIComponent(statement.id)}`, statement);
    if (response.ok || response.status === 409) {
      await response.body?.cancel();
      return;
    }
    throw await refusal(response, `statement ${statement.id}`);
  }

  async function postBatch(batch: readonly Statement[]): Promise<void> {
    const response = await call('POST', `${base}/statements`, batch);
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    if (response.status === 409) {
      await response.body?.cancel();
      for (const statement of batch) await putOne(statement);
      return;
    }
    throw await refusal(response, batch.length === 1 ? `statement ${batch[0]!.id}` : `a batch of ${batch.length} statements`);
  }

  return {
    async store(statements) {
      for (let i = 0; i < statements.length; i += settings.batchSize) await postBatch(statements.slice(i, i + settings.batchSize));
    },
  };
}
