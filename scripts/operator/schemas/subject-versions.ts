import type { SubjectSpec } from '@smartcourse/contracts';
import { mapBounded } from '../concurrency/map-bounded.js';
import type { RegistryApi } from './registry-api.js';
import { catalogSubject, type CatalogSubject } from './subjects-overview.js';

export interface SubjectVersion {
  version: number;
  /** The registry's schema id: what the 5-byte header of every record written with it carries. */
  id: number;
  /** Parsed Avro schema, when asked for. */
  schema?: unknown;
}

export interface SubjectVersions {
  subject: string;
  compatibility: string;
  catalog: CatalogSubject | null;
  versions: SubjectVersion[];
}

/** One subject's registered versions with their schema ids (and schemas); a subject the registry lacks is named. */
export async function subjectVersions(api: RegistryApi, subject: string, catalog: readonly SubjectSpec[], withSchemas: boolean): Promise<SubjectVersions> {
  const numbers = await api.versions(subject);
  const spec = catalog.find((s) => s.subject === subject);
  const versions = await mapBounded(numbers, 5, async (number) => {
    const registered = await api.version(subject, number);
    return withSchemas ? { version: number, id: registered.id, schema: JSON.parse(registered.schema) as unknown } : { version: number, id: registered.id };
  });
  return { subject, compatibility: await api.compatibility(subject), catalog: spec ? catalogSubject(spec) : null, versions };
}
