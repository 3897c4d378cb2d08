/** What the table knows of each server, and the run that starts and stops them. */
import type { Profile } from './profile.js';

/** A command's hold on a profile's servers: the profile, and what this command started (stopped in reverse). */
export interface Session {
  readonly profile: Profile;
  readonly started: string[];
}

/** A server whose process runs and that is being waited for. */
export interface Pending {
  ready(): Promise<void>;
}

export const alreadyReady: Pending = { ready: async () => undefined };

export interface Server {
  readonly name: 'postgres' | 'redis' | 'kafka' | 'registry' | 'ferretdb' | 'maildev' | 'versitygw' | 'stripe-mock';
  readonly label: string;
  /** Set it to the URL of an existing server to use that one instead of starting this. */
  readonly overrideVariable: string;
  /** The port status shows; every port the server listens on. */
  readonly port: number;
  readonly ports: readonly number[];
  /** Where the profile's data of this server lives. */
  dataDir(profile: Profile): string;
  /** Debian packages missing for this server (installed in one apt-get run for all). */
  missingPackages(): readonly string[];
  /** Installs or builds what is missing (idempotent; downloads cached). */
  install(): Promise<void>;
  /** Starts the process (or finds it running); `ready()` waits until it answers. */
  launch(session: Session): Promise<Pending>;
  /** Stops the profile's process, found by its pid file. */
  stop(profile: Profile): Promise<void>;
  /** The pid of the profile's running process. */
  pid(profile: Profile): number | undefined;
}

export async function start(server: Server, session: Session): Promise<void> {
  await (await server.launch(session)).ready();
}
