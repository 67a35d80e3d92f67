/** Credentials of one netrc entry. */
export interface NetrcEntry {
  /** `login` (or `user`) token; W&B writes `user`/`api`. */
  login?: string;
  /** `password` token: the W&B API key. */
  password?: string;
  /** `account` token (unused by W&B). */
  account?: string;
}

/** Parsed netrc file: entries by machine name, plus the `default` entry if any. */
export interface Netrc {
  /** Entries by machine name; a later entry for the same machine replaces an earlier one, as in Python. */
  machines: Map<string, NetrcEntry>;
  /** The `default` entry, used when no machine matches. */
  default?: NetrcEntry;
}

class Tokens {
  private pos = 0;
  constructor(private readonly text: string) {}

  private skipBlanks(): void {
    while (this.pos < this.text.length && /\s/.test(this.text.charAt(this.pos))) this.pos++;
  }

  /** Next whitespace-separated token; `"..."` quotes and `\x` escapes are honoured. */
  next(): string | null {
    this.skipBlanks();
    if (this.pos >= this.text.length) return null;
    let token = '';
    const quoted = this.text.charAt(this.pos) === '"';
    if (quoted) this.pos++;
    while (this.pos < this.text.length) {
      const ch = this.text.charAt(this.pos);
      if (quoted ? ch === '"' : /\s/.test(ch)) break;
      if (ch === '\\' && this.pos + 1 < this.text.length) this.pos++;
      token += this.text.charAt(this.pos++);
    }
    if (quoted) this.pos++;
    return token;
  }

  skipLine(): void {
    const end = this.text.indexOf('\n', this.pos);
    this.pos = end === -1 ? this.text.length : end + 1;
  }

  /** A macro body runs from the line after `macdef name` to the first blank line. */
  skipMacro(): void {
    this.skipLine();
    while (this.pos < this.text.length) {
      const end = this.text.indexOf('\n', this.pos);
      const line = this.text.slice(this.pos, end === -1 ? undefined : end);
      this.pos = end === -1 ? this.text.length : end + 1;
      if (line.trim() === '') return;
    }
  }
}

const FIELDS: Readonly<Record<string, keyof NetrcEntry>> = {
  login: 'login',
  user: 'login',
  password: 'password',
  passwd: 'password',
  account: 'account',
};

/**
 * Parses netrc text (`machine`, `default`, `login`, `password`, `account`, `macdef`, `#` comments,
 * quoted tokens). Unknown tokens are skipped rather than rejected, so one odd line does not hide
 * the other entries.
 *
 * @example parseNetrc('machine api.wandb.ai login user password KEY').machines.get('api.wandb.ai')?.password // 'KEY'
 */
export function parseNetrc(text: string): Netrc {
  const result: Netrc = { machines: new Map() };
  const tokens = new Tokens(text);
  let entry: NetrcEntry | null = null;
  for (let token = tokens.next(); token !== null; token = tokens.next()) {
    if (token.startsWith('#')) {
      tokens.skipLine();
    } else if (token === 'machine') {
      const name = tokens.next();
      if (name === null) break;
      entry = {};
      result.machines.set(name, entry);
    } else if (token === 'default') {
      entry = {};
      result.default = entry;
    } else if (token === 'macdef') {
      tokens.next();
      tokens.skipMacro();
      entry = null;
    } else if (entry !== null && Object.hasOwn(FIELDS, token)) {
      const value = tokens.next();
      if (value === null) break;
      entry[FIELDS[token] as keyof NetrcEntry] = value;
    }
  }
  return result;
}

/**
 * The netrc entry for a W&B base URL: the `host:port` form first (what `wandb login` writes),
 * then the bare hostname, then `default`.
 */
export function netrcEntryFor(netrc: Netrc, baseUrl: string): NetrcEntry | undefined {
  const { host, hostname } = new URL(baseUrl);
  return netrc.machines.get(host) ?? netrc.machines.get(hostname) ?? netrc.default;
}
