import type { SubjectSpec } from '@smartcourse/contracts';
import { mapBounded } from '../concurrency/map-bounded.js';
import type { RegistryApi } from './registry-api.js';

/** Where a subject comes from in the catalog: its topic, its record and how many versions are on disk. */
export interface CatalogSubject {
  topic: string;
  record: string;
  versions: number;
}

export interface SubjectSummary {
  subject: string;
  onRegistry: boolean;
  /** Registered version numbers, oldest first; empty when not on the registry. */
  versions: number[];
  /** As the registry answers for the subject (its own level, else the global one); null when not on the registry. */
  compatibility: string | null;
  catalog: CatalogSubject | null;
  /** Where the registry and the catalog disagree, one sentence each. */
  drift: string[];
}

export interface SchemasOverview {
  registry: string;
  globalCompatibility: string;
  /** Every subject of the registry and of the catalog, by name. */
  subjects: SubjectSummary[];
  notInCatalog: string[];
  missingOnRegistry: string[];
}

export const catalogSubject = (spec: SubjectSpec): CatalogSubject => ({ topic: spec.topic.name, record: spec.record.fullName, versions: spec.versions.length });

/** The registry's subjects beside the catalog's, with versions and compatibility levels. */
export async function subjectsOverview(api: RegistryApi, registryUrl: string, catalog: readonly SubjectSpec[]): Promise<SchemasOverview> {
  const registered = await api.subjects();
  const onRegistry = new Set(registered);
  const specs = new Map(catalog.map((spec) => [spec.subject, spec]));
  const names = [...new Set([...registered, ...specs.keys()])].sort();
  const subjects = await mapBounded(names, 10, async (subject): Promise<SubjectSummary> => {
    const spec = specs.get(subject);
    const inCatalog = spec ? catalogSubject(spec) : null;
    if (!onRegistry.has(subject)) return { subject, onRegistry: false, versions: [], compatibility: null, catalog: inCatalog, drift: ['not on the registry'] };
    const [versions, compatibility] = await Promise.all([api.versions(subject), api.compatibility(subject)]);
    const drift: string[] = [];
    if (!inCatalog) drift.push('not in the catalog');
    else if (inCatalog.versions !== versions.length) drift.push(`versions: registry ${versions.length}, catalog ${inCatalog.versions}`);
    return { subject, onRegistry: true, versions, compatibility, catalog: inCatalog, drift };
  });
  return {
    registry: registryUrl,
    globalCompatibility: await api.globalCompatibility(),
    subjects,
    notInCatalog: registered.filter((s) => !specs.has(s)),
    missingOnRegistry: [...specs.keys()].filter((s) => !onRegistry.has(s)),
  };
}
