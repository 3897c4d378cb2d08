import type { Migration } from '@smartcourse/platform';
import { payments } from './0001_payments.js';
import { fakeProvider } from './0002_fake_provider.js';

/** Oldest first; never edit one that has landed — add the next. The platform's outbox and inbox come before these. */
export const migrations: readonly Migration[] = [payments, fakeProvider];
