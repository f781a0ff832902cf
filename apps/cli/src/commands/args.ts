/** Parsed command line: positional words and `--name value` / `--flag` options. */
export interface Args {
  positional: string[];
  options: Map<string, string | true>;
}

export class UsageError extends Error {}

/** `--as-of 2021-07-01`, `--as-of=2021-07-01` and `--valid-only` (a flag) all work. */
export function parseArgs(argv: readonly string[], flags: readonly string[]): Args {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (flags.includes(name)) options.set(name, true);
    else if (inline !== undefined) options.set(name, inline);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) options.set(name, argv[++i]);
    else throw new UsageError(`--${name} には値が必要です。`);
  }
  return { positional, options };
}

/** Refuses options the command does not know (a typo must not be ignored silently). */
export function assertKnown(args: Args, known: readonly string[]): void {
  for (const name of args.options.keys()) if (!known.includes(name)) throw new UsageError(`不明なオプション --${name} です。`);
}

export const option = (args: Args, name: string): string | undefined => {
  const v = args.options.get(name);
  return v === true ? undefined : v;
};

export function numberOption(args: Args, name: string, check: (n: number) => boolean, what: string): number | undefined {
  const raw = option(args, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || !check(n)) throw new UsageError(`--${name} は${what}で指定してください（${raw}）。`);
  return n;
}

/** Writes lines to the terminal; the progress line rewrites itself when stdout is a terminal. */
export interface Output {
  line(text: string): void;
  progress(text: string): void;
}

export const consoleOutput = (stream: NodeJS.WriteStream = process.stdout): Output => {
  let last = '';
  let lastAt = 0;
  return {
    line: (text) => {
      if (last && stream.isTTY) stream.write('\n');
      last = '';
      stream.write(`${text}\n`);
    },
    progress: (text) => {
      if (stream.isTTY) {
        stream.write(`\r${text}\u001b[K`);
        last = text;
      } else if (Date.now() - lastAt >= 2000) {
        lastAt = Date.now();
        stream.write(`${text}\n`);
      }
    },
  };
};
