import { describe, expect, it } from '@jest/globals';
import { requestedRange } from './range.js';

describe('Range header', () => {
  it('reads a closed, an open and a suffix range', () => {
    expect(requestedRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(requestedRange('bytes=900-', 1000)).toEqual({ start: 900 });
    expect(requestedRange('bytes=-100', 1000)).toEqual({ start: 900 });
    expect(requestedRange('bytes=-5000', 1000)).toEqual({ start: 0 });
  });

  it('ignores what it does not serve: no header, other units, several ranges, nonsense', () => {
    expect(requestedRange(undefined, 1000)).toBeUndefined();
    expect(requestedRange('items=0-1', 1000)).toBeUndefined();
    expect(requestedRange('bytes=0-1,5-6', 1000)).toBeUndefined();
    expect(requestedRange('bytes=-', 1000)).toBeUndefined();
    expect(requestedRange('bytes=a-b', 1000)).toBeUndefined();
  });
});
