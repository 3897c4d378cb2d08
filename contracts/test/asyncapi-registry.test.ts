import { isDeepStrictEqual } from 'node:util';
import { describe, it, expect } from '@jest/globals';
import { asyncApiDocument } from '../src/asyncapi.js';

/** The AsyncAPI document against the real schema registry the platform was provisioned into. */

const registryUrl = (process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7').replace(/\/+$/, '');

interface LatestVersion {
  version: number;
  schema: string;
}

async function latestVersion(subject: string): Promise<LatestVersion> {
  const response = await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}/versions/latest`, { headers: { accept: 'application/json' } });
  if (response.status !== 200) throw new Error(`registry answered ${response.status} for ${subject}: ${await response.text()}`);
  return (await response.json()) as LatestVersion;
}

describe('the AsyncAPI document and the schema registry', () => {
  it("gives every channel message the registry's latest version of its subject as payload", async () => {
    const messages = Object.values(asyncApiDocument().components.messages).filter((m) => typeof m['x-registry-subject'] === 'string');
    expect(messages.length).toBeGreaterThan(0);
    const disagreements: string[] = [];
    for (const message of messages) {
      const subject = message['x-registry-subject'] as string;
      const latest = await latestVersion(subject);
      const payload = message.payload as { schema: unknown };
      if (latest.version !== message['x-schema-version'])
        disagreements.push(`${subject}: registry v${latest.version}, document v${String(message['x-schema-version'])}`);
      if (!isDeepStrictEqual(JSON.parse(latest.schema), payload.schema)) disagreements.push(`${subject}: the schemas differ`);
    }
    expect(disagreements).toEqual([]);
  });
});
