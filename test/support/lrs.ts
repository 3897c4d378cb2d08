import { eventually } from './eventually.js';

/** The Learning Record Store the analytics service sends to (the local Ralph of scripts/servers/ralph.ts), from the test environment. */
function lrs() {
  const { XAPI_LRS_URL: url, XAPI_LRS_USERNAME: username, XAPI_LRS_PASSWORD: password } = process.env;
  if (!url || !username || !password) throw new Error('XAPI_LRS_URL, XAPI_LRS_USERNAME and XAPI_LRS_PASSWORD are not set: scripts/test exports them');
  return { url: url.replace(/\/+$/, ''), authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}

/** One statement as the LRS holds it (`undefined` while it has none of that id). */
export async function storedStatement(statementId: string): Promise<Record<string, any> | undefined> {
  const { url, authorization } = lrs();
  const response = await fetch(`${url}/statements?statementId=${statementId}`, {
    headers: { authorization, 'x-experience-api-version': '1.0.3' },
  });
  if (!response.ok) throw new Error(`the LRS answered ${response.status}: ${await response.text()}`);
  // Ralph answers a statementId query as a statement result, empty when it has no such statement.
  const answer = (await response.json()) as { statements?: Array<Record<string, any>> } & Record<string, any>;
  return answer.statements ? answer.statements[0] : answer;
}

/** Waits until the LRS holds every one of these statements; answers them by id. */
export async function storedStatements(statementIds: readonly string[], timeoutMs = 30_000): Promise<Map<string, Record<string, any>>> {
  const found = new Map<string, Record<string, any>>();
  await eventually(
    async () => {
      for (const id of statementIds) {
        if (found.has(id)) continue;
        const statement = await storedStatement(id);
        if (statement) found.set(id, statement);
      }
      return found.size;
    },
    (size) => size === statementIds.length,
    timeoutMs,
  );
  return found;
}

/** How many statements the LRS holds for this actor account name (a user id), voided ones included. */
export async function statementCountOf(actorId: string, homePage: string): Promise<number> {
  const { url, authorization } = lrs();
  const agent = encodeURIComponent(JSON.stringify({ objectType: 'Agent', account: { homePage, name: actorId } }));
  let count = 0;
  let next: string | undefined = `${url}/statements?agent=${agent}&limit=100`;
  while (next) {
    const response: Response = await fetch(next, { headers: { authorization, 'x-experience-api-version': '1.0.3' } });
    if (!response.ok) throw new Error(`the LRS answered ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as { statements: unknown[]; more?: string };
    count += page.statements.length;
    next = page.more ? new URL(page.more, url).toString() : undefined;
  }
  return count;
}
