import path from 'node:path';
import Sequencer from '@jest/test-sequencer';
import { runOrder } from './run-order.js';

/**
 * Orders the run by folder (test/support/run-order.js), then by path: the unit tests first, then
 * the component tests, then the shared platform's files together so it starts once, then those that
 * configure it, then those that start their own processes.
 */
export default class FolderSequencer extends Sequencer {
  sort(tests) {
    const root = path.resolve(import.meta.dirname, '../..');
    const rank = (test) => {
      const relative = path.relative(root, test.path);
      return runOrder.findIndex((folder) => folder.test(relative)); // -1: a unit test, beside the code
    };
    return [...tests].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  }
}
