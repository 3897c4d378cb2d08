import { env } from './env.js';

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** One request to the gateway; `body` may be a string to send malformed JSON. */
export async function api<T = any>(
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${env.gatewayUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export const uniqueEmail = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;

/** Registers and logs in a fresh user; returns its id, email, password and access token. */
export async function newUser(label: string, options: { fullName?: string } = {}) {
  const email = uniqueEmail(label);
  const fullName = options.fullName ?? `Test ${label}`;
  const password = `pw-${Math.random().toString(36).slice(2)}-long-enough`;
  const registered = await api('POST', '/api/auth/register', { body: { email, password, fullName } });
  if (registered.status !== 201) throw new Error(`register answered ${registered.status}: ${JSON.stringify(registered.body)}`);
  const login = await api('POST', '/api/auth/login', { body: { email, password } });
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${JSON.stringify(login.body)}`);
  return { id: registered.body.data.id as string, email, password, token: login.body.data.accessToken as string };
}
