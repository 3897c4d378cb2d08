import { readFileSync } from 'node:fs';
import Sequencer from '@jest/test-sequencer';

/**
 * Orders the run so that files sharing a platform (test/support/shared-platform.ts) run one after
 * another and start it once: first the files that start no process, then those calling
 * `usePlatform` grouped by the environment they ask for (the default first), then those that
 * start their own processes on the platform's ports. Within a group, by path.
 */
export default class PlatformSequencer extends Sequencer {
  sort(tests) {
    const keyOf = (test) => {
      const source = readFileSync(test.path, 'utf8');
      const shared = /\busePlatform\(([^)]*)\)/.exec(source);
      if (shared) return `1 ${shared[1]}`;
      return /support\/processes\.js/.test(source) ? '2' : '0';
    };
    const keys = new Map(tests.map((test) => [test.path, keyOf(test)]));
    return [...tests].sort((a, b) => keys.get(a.path).localeCompare(keys.get(b.path)) || a.path.localeCompare(b.path));
  }
}
