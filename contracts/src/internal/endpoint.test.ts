import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import * as contracts from '../index.js';
import { endpointUrl, internalEndpoint, type InternalEndpoint } from './endpoint.js';

const repoRoot = new URL('../../../', import.meta.url).pathname;

const isEndpoint = (value: unknown): value is InternalEndpoint =>
  typeof value === 'object' && value !== null && 'path' in value && String(value.path).startsWith('/internal/');
const declared = Object.entries(contracts as Record<string, unknown>).flatMap(([name, value]) => (isEndpoint(value) ? [[name, value] as const] : []));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('internal endpoints', () => {
  it('builds the path from the params, encoded, and the query string from the set fields', () => {
    const endpoint = internalEndpoint({
      method: 'get',
      path: '/internal/quizzes/:quizId/attempts/:attemptId',
      params: z.strictObject({ quizId: z.string(), attemptId: z.string() }),
      query: z.strictObject({ page: z.number(), unread: z.boolean().optional(), q: z.string().optional() }),
    });
    const url = endpointUrl(endpoint, { params: { quizId: 'a/b', attemptId: 'c d' }, query: { page: 2, unread: undefined, q: 'x&y' } });
    expect(url).toBe('/internal/quizzes/a%2Fb/attempts/c%20d?page=2&q=x%26y');
  });

  it('refuses a call that leaves a path param out', () => {
    const endpoint = internalEndpoint({ method: 'get', path: '/internal/courses/:courseId', params: z.strictObject({ courseId: z.string() }) });
    expect(() => endpointUrl(endpoint, { params: {} })).toThrow('GET /internal/courses/:courseId needs the param courseId');
  });

  it('names each path param of every declaration in its params schema, and declares no path twice for a method', () => {
    expect(declared.length).toBeGreaterThan(40);
    for (const [name, endpoint] of declared) {
      const inPath = [...endpoint.path.matchAll(/:(\w+)/g)].map((match) => match[1]).sort();
      const shape = endpoint.params instanceof z.ZodObject ? Object.keys(endpoint.params.shape).sort() : [];
      expect({ name, params: shape }).toEqual({ name, params: inPath });
    }
    const routes = declared.map(([, endpoint]) => `${endpoint.method} ${endpoint.path}`);
    expect(routes.filter((route, index) => routes.indexOf(route) !== index)).toEqual([]);
  });

  it('leaves no internal path written outside contracts, in the gateway or a service', () => {
    const roots = [
      path.join(repoRoot, 'gateway/src'),
      ...readdirSync(path.join(repoRoot, 'services')).map((name) => path.join(repoRoot, 'services', name, 'src')),
    ];
    const written = roots
      .filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory())
      .flatMap(sourceFiles)
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, index) => (/['"`]\/internal\//.test(line) ? [`${path.relative(repoRoot, file)}:${index + 1}`] : [])),
      );
    expect(written).toEqual([]);
  });
});
