import { describe, expect, it } from 'vitest';
import { nextWindow, resumeOffset, scanRange } from './scan-plan';

describe('scanRange', () => {
  it('defaults to [0, lastStep + 1)', () => expect(scanRange(99)).toEqual({ start: 0, stop: 100 }));
  it('clamps maxStep to lastStep + 1', () => expect(scanRange(9, 2, 50)).toEqual({ start: 2, stop: 10 }));
  it('is empty without history', () => expect(scanRange(-1)).toEqual({ start: 0, stop: 0 }));
  it('is empty when minStep is past the end', () => expect(scanRange(5, 9)).toEqual({ start: 9, stop: 9 }));
});

describe('nextWindow', () => {
  it('cuts windows of pageSize steps and stops at stop', () => {
    expect(nextWindow(0, 25, 10)).toEqual({ minStep: 0, end: 10 });
    expect(nextWindow(20, 25, 10)).toEqual({ minStep: 20, end: 25 });
    expect(nextWindow(25, 25, 10)).toBeNull();
  });
});

describe('resumeOffset', () => {
  it('starts right after the last delivered step', () => {
    expect(resumeOffset(10, null)).toBe(10);
    expect(resumeOffset(10, 14)).toBe(15);
    expect(resumeOffset(20, 14)).toBe(20);
  });
});
