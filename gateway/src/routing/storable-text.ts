import { hasUnstorableCharacter } from '@smartcourse/contracts';
import type { FieldIssue } from '@smartcourse/platform';

const MESSAGE = 'contains a character no store accepts (NUL or a lone surrogate)';

/**
 * Every string of a request part (and every field name) holding NUL or a lone surrogate, by its
 * path as validation errors name fields. Checked before the route's schema, on the raw part, so
 * no route can forget it and a transform cannot hide it.
 */
export function unstorableText(value: unknown, path: readonly string[] = []): FieldIssue[] {
  const at = (parts: readonly string[]) => parts.join('.') || '(body)';
  if (typeof value === 'string') return hasUnstorableCharacter(value) ? [{ path: at(path), message: MESSAGE }] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    ...(hasUnstorableCharacter(key) ? [{ path: at([...path, key]), message: `the field name ${MESSAGE}` }] : []),
    ...unstorableText(inner, [...path, key]),
  ]);
}
