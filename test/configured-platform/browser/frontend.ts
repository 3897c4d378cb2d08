/**
 * A frontend's page reduced to what its session needs: cookie-mode login, bearer calls, the
 * notification EventSource and the refresh, each a function of `window.frontend` that answers
 * what the browser let the page see (status 0 and the error when the browser refused the call).
 */
export function frontendPage(gatewayUrl: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>frontend</title></head>
<body><script>
const gateway = ${JSON.stringify(gatewayUrl)};
const session = { accessToken: undefined, csrfToken: undefined };

async function call(path, init) {
  try {
    const response = await fetch(gateway + path, init);
    const text = await response.text();
    return { status: response.status, requestId: response.headers.get('x-request-id'), body: text ? JSON.parse(text) : undefined };
  } catch (error) {
    return { status: 0, error: String(error) };
  }
}

function keep(answer) {
  if (answer.status === 200) {
    session.accessToken = answer.body.data.accessToken;
    session.csrfToken = answer.body.data.csrfToken;
  }
  return answer;
}

window.frontend = {
  session,
  login: async (email, password) =>
    keep(await call('/api/auth/login', {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password, mode: 'cookie' }),
    })),
  bearer: (path) => call(path, { headers: { authorization: 'Bearer ' + session.accessToken } }),
  refresh: async () =>
    keep(await call('/api/auth/refresh', {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: '{}',
    })),
  // The stream's first event is always \`unread\`; an EventSource that fails closes (readyState 2).
  stream: () =>
    new Promise((resolve) => {
      const source = new EventSource(gateway + '/api/notifications/stream', { withCredentials: true });
      const done = (result) => {
        clearTimeout(timer);
        source.close();
        resolve(result);
      };
      const timer = setTimeout(() => done({ opened: false, error: 'no event within 10 s' }), 10000);
      source.addEventListener('unread', (event) => done({ opened: true, lastEventId: event.lastEventId, data: JSON.parse(event.data) }));
      source.addEventListener('error', () => {
        if (source.readyState === EventSource.CLOSED) done({ opened: false, error: 'the stream failed' });
      });
    }),
};
</script></body></html>`;
}
