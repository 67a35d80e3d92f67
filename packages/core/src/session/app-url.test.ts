import { describe, expect, it } from 'vitest';
import { appPageUrl, appUrlFor, quoteSegment } from './app-url';

describe('appUrlFor', () => {
  it('maps the cloud API to wandb.ai', () =>
    expect(appUrlFor('https://api.wandb.ai')).toBe('https://wandb.ai/'));
  it('maps api.<host> to app.<host>', () =>
    expect(appUrlFor('https://api.example.test')).toBe('https://app.example.test/'));
  it('keeps a local server as is', () =>
    expect(appUrlFor('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/'));
  it('prefers an explicit app URL', () =>
    expect(appUrlFor('https://api.wandb.ai', 'https://ui.test/')).toBe('https://ui.test/'));
});

describe('appPageUrl', () => {
  it('quotes every segment like quote(safe="")', () => {
    expect(quoteSegment("a b/c!'")).toBe('a%20b%2Fc%21%27');
    expect(appPageUrl('https://wandb.ai/', ['e', 'my project', 'runs', 'r1'])).toBe(
      'https://wandb.ai/e/my%20project/runs/r1',
    );
  });
});
