import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, servePage } from '../../support/browser.js';
import { env } from '../../support/env.js';
import { newUser } from '../../support/http.js';
import { usePlatform } from '../../support/platform.js';
import { frontendPage } from './frontend.js';

/**
 * A browser frontend served from another origin listed in CORS_ORIGINS keeps its whole session
 * in a real Chromium: every call below is made by the page's own JavaScript, so the browser's CORS
 * checks (preflights, credentials, exposed headers) are the ones a real frontend meets.
 */
const frontend = await servePage(frontendPage(env.gatewayUrl));
usePlatform({ env: { gateway: { CORS_ORIGINS: frontend.origin } } });

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(frontend.origin);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await frontend.close();
});

type Answer = { status: number; error?: string; requestId?: string | null; body?: any };
type Stream = { opened: boolean; error?: string; lastEventId?: string; data?: { unreadCount: number } };

const inPage = {
  login: (email: string, password: string) =>
    page.evaluate(([e, p]) => (globalThis as any).frontend.login(e, p) as Promise<Answer>, [email, password] as const),
  bearer: (path: string) => page.evaluate((p) => (globalThis as any).frontend.bearer(p) as Promise<Answer>, path),
  refresh: () => page.evaluate(() => (globalThis as any).frontend.refresh() as Promise<Answer>),
  stream: () => page.evaluate(() => (globalThis as any).frontend.stream() as Promise<Stream>),
};

describe('a browser frontend on another origin', () => {
  it('logs in in cookie mode, calls bearer routes, opens the stream and refreshes its session', async () => {
    const student = await newUser('Browser');

    const login = await inPage.login(student.email, student.password);
    expect(login).toMatchObject({ status: 200 });
    expect(typeof login.body.data.csrfToken).toBe('string');
    expect(login.body.data.refreshToken).toBeUndefined();

    const me = await inPage.bearer('/api/users/me');
    expect(me).toMatchObject({ status: 200, body: { data: { id: student.id } } });
    // An exposed header: the page can quote it in a support request.
    expect(me.requestId).toMatch(/\S+/);
    expect(await inPage.bearer('/api/notifications')).toMatchObject({ status: 200 });

    const stream = await inPage.stream();
    expect(stream).toMatchObject({ opened: true });
    expect(typeof stream.data?.unreadCount).toBe('number');

    const refreshed = await inPage.refresh();
    expect(refreshed).toMatchObject({ status: 200 });
    expect(refreshed.body.data.accessToken).not.toBe(login.body.data.accessToken);
    expect(refreshed.body.data.csrfToken).not.toBe(login.body.data.csrfToken);

    // The new pair works: bearer calls with the new access token, the stream with its new cookie, and the next refresh.
    expect(await inPage.bearer('/api/users/me')).toMatchObject({ status: 200, body: { data: { id: student.id } } });
    expect(await inPage.stream()).toMatchObject({ opened: true });
    expect(await inPage.refresh()).toMatchObject({ status: 200 });
  });
});
