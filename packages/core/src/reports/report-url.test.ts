import { describe, expect, it } from 'vitest';
import { reportSlug, reportUrl } from './report-url';

describe('reportSlug', () => {
  it('replaces non-word characters and collapses dashes', () => {
    expect(reportSlug('Weekly Results: lr / bs!')).toBe('Weekly-Results-lr-bs');
    expect(reportSlug('  --x__y--  ')).toBe('x__y');
    expect(reportSlug('Ünïcode réport')).toBe('Ünïcode-réport');
  });
});

describe('reportUrl', () => {
  it('joins entity, project, slug and id without padding', () => {
    expect(reportUrl('https://wandb.ai/', 'acme', 'mnist', 'Weekly Results', 'Vmlldzo0NTY3OA==')).toBe(
      'https://wandb.ai/acme/mnist/reports/Weekly-Results--Vmlldzo0NTY3OA',
    );
  });
  it('is null when a part is missing', () => {
    expect(reportUrl('https://wandb.ai/', 'acme', 'mnist', null, 'id')).toBeNull();
  });
});
