import { z } from 'zod';

/**
 * Text the stores accept. Postgres refuses NUL (U+0000) in text, and a lone UTF-16 surrogate has
 * no UTF-8 form: the gateway refuses both in every field of every request (400 with the field's
 * path). The OpenAPI document states NUL as a pattern on each text field; surrogates only in its
 * description, since a pattern on them is one that UTF-8 regex engines (and the tools built on
 * them) cannot compile.
 */

const unstorable = /[\0\p{Cs}]/u;

/** True when the text holds a character no store accepts: NUL or a lone surrogate. */
export const hasUnstorableCharacter = (text: string): boolean => unstorable.test(text);

// Written for both ECMA-262 (with the `u` flag, as JSON Schema validators use it) and Python's
// `re`: explicit classes, since `\s` means different sets in each. WHITESPACE is what
// String.prototype.trim removes.
const WHITESPACE = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const STORABLE = '[^\\x00]';
const STORABLE_VISIBLE = `[^${WHITESPACE}\\x00]`;

/** The JSON Schema pattern of a text field: no NUL. */
export const storableTextPattern = `^${STORABLE}*$`;

/**
 * Text as it is kept after trimming: no whitespace at either end, no NUL. A field that trims accepts
 * padding; the document states the trimmed form, so its lengths are the ones checked.
 */
export const trimmedPattern = new RegExp(`^(?:${STORABLE_VISIBLE}(?:${STORABLE}*${STORABLE_VISIBLE})?)?$`, 'u');

/** Text a person types: trimmed, then `min`…`max` characters. */
export const trimmedText = (min: number, max: number) => z.string().trim().min(min).max(max).regex(trimmedPattern, 'contains NUL, which no store accepts');

/**
 * A yes/no query parameter: `true`/`false` and the other spellings zod's stringbool takes, in any
 * case; the document lists the lower-case ones.
 */
export const queryFlag = () => z.stringbool().meta({ enum: ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', 'y', 'n', 'enabled', 'disabled'] });
