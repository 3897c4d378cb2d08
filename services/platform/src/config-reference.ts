import { z } from 'zod';
import { developmentValueOf } from './config.js';

/** One variable of a process's environment, as its zod schema declares it. */
export interface VariableReference {
  name: string;
  description: string;
  /** The default as written in an env file; undefined when the variable has none (unset is allowed, or it is required). */
  defaultValue: string | undefined;
  /** A secret with a development default that production refuses. */
  developmentSecret: boolean;
}

type Def = { type: string; defaultValue?: unknown; innerType?: z.ZodType; in?: z.ZodType };

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The default of a field, looking through the wrappers zod puts around it (pipes, transforms). */
function defaultOf(schema: z.ZodType): unknown {
  const def = defOf(schema);
  if (def.type === 'default' || def.type === 'prefault') return def.defaultValue;
  if (def.type === 'pipe' && def.in) return defaultOf(def.in);
  return undefined;
}

const asEnvText = (value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.join(',');
  return String(value);
};

/** The variables of an environment schema, in declaration order. A field without a description is a mistake: it throws. */
export function describeConfig(schema: z.ZodObject): VariableReference[] {
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    if (!field.description) throw new Error(`${name} has no description: declare it with .describe(...)`);
    const secret = developmentValueOf(field);
    return { name, description: field.description, defaultValue: asEnvText(secret ?? defaultOf(field)), developmentSecret: secret !== undefined };
  });
}
