import { describe, expect, it } from 'vitest';
import { netrcEntryFor, parseNetrc } from './netrc';

describe('parseNetrc', () => {
  it('reads machine entries on one line or several, with login/user, password and account', () => {
    const netrc = parseNetrc(
      [
        'machine api.wandb.ai login user password k1',
        'machine localhost:8080',
        '  user api',
        '  password k2 account acct',
      ].join('\n'),
    );
    expect(netrc.machines.get('api.wandb.ai')).toEqual({ login: 'user', password: 'k1' });
    expect(netrc.machines.get('localhost:8080')).toEqual({ login: 'api', password: 'k2', account: 'acct' });
    expect(netrc.default).toBeUndefined();
  });

  it('skips comments and macro bodies, and honours quoted tokens with escapes', () => {
    const netrc = parseNetrc(
      [
        '# a comment line with machine evil password no',
        'machine a.example password "two words \\" here" # trailing comment',
        'macdef init',
        'machine inside-macro password nope',
        'cd /tmp',
        '',
        'machine b.example password #notacomment',
        'default login anon password pub',
      ].join('\n'),
    );
    expect(netrc.machines.get('a.example')?.password).toBe('two words " here');
    expect(netrc.machines.has('inside-macro')).toBe(false);
    expect(netrc.machines.has('evil')).toBe(false);
    expect(netrc.machines.get('b.example')?.password).toBe('#notacomment');
    expect(netrc.default).toEqual({ login: 'anon', password: 'pub' });
  });

  it('lets a later entry for the same machine win, as Python does', () => {
    const netrc = parseNetrc('machine h password old\nmachine h password new');
    expect(netrc.machines.get('h')?.password).toBe('new');
  });

  it('tolerates a file that ends mid-entry or holds unknown tokens', () => {
    const netrc = parseNetrc('machine h port 22 password p\nmachine');
    expect(netrc.machines.get('h')?.password).toBe('p');
  });
});

describe('netrcEntryFor', () => {
  const netrc = parseNetrc(
    'machine localhost:8080 password withport\nmachine localhost password bare\ndefault password fallback',
  );

  it('prefers host:port, then the hostname, then default', () => {
    expect(netrcEntryFor(netrc, 'http://localhost:8080')?.password).toBe('withport');
    expect(netrcEntryFor(netrc, 'http://localhost:9090/')?.password).toBe('bare');
    expect(netrcEntryFor(netrc, 'https://api.wandb.ai')?.password).toBe('fallback');
    expect(netrcEntryFor(parseNetrc(''), 'https://api.wandb.ai')).toBeUndefined();
  });
});
