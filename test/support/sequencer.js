import path from 'node:path';
import Sequencer from '@jest/test-sequencer';
import { concurrentOrder, runOrder } from './run-order.js';

/**
 * Orders the run by folder (test/support/run-order.js): the unit tests first, then the component
 * tests, then the shared platform's files together so it starts once, then those that configure
 * it, then those that start their own processes. Within a folder by path, but the files that run
 * side by side go longest first (jest's own order: the last run's durations, else file size), so
 * the two workers finish close together.
 */
export default class FolderSequencer extends Sequencer {
  sort(tests) {
    const root = path.resolve(import.meta.dirname, '../..');
    const relative = (test) => path.relative(root, test.path);
    const concurrent = (test) => concurrentOrder.some((folder) => folder.test(relative(test)));
    const firstConcurrent = Math.min(...runOrder.flatMap((folder, index) => (concurrentOrder.some((c) => c.source === folder.source) ? [index] : [])));
    // -1: a unit test, beside the code; the concurrent folders count as one
    const rank = (test) => (concurrent(test) ? firstConcurrent : runOrder.findIndex((folder) => folder.test(relative(test))));
    const longestFirst = new Map(super.sort([...tests]).map((test, index) => [test.path, index]));
    return [...tests].sort((a, b) => rank(a) - rank(b) || (concurrent(a) ? longestFirst.get(a.path) - longestFirst.get(b.path) : a.path.localeCompare(b.path)));
  }
}
