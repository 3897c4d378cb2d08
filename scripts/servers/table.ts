/** The servers, in start order; stopping runs in reverse. */
import { ferretdb } from './ferretdb.js';
import { kafka } from './kafka.js';
import { maildev } from './maildev.js';
import { postgres } from './postgres.js';
import { redis } from './redis.js';
import { registry } from './registry.js';
import type { Server } from './server.js';
import { stripeMock } from './stripe-mock.js';
import { versitygw } from './versitygw.js';

export const servers: readonly Server[] = [postgres, redis, kafka, registry, ferretdb, maildev, versitygw, stripeMock];

export function serverNamed(name: string): Server | undefined {
  return servers.find((server) => server.name === name);
}
