import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@wavedesk/config';
import { consoleOutput, parseArgs, UsageError, type Output } from './commands/args';
import { GENERATE_USAGE, generateCommand } from './commands/generate.command';
import { IMPORT_USAGE, importCommand } from './commands/import.command';
import { MATCH_USAGE, matchCommand } from './commands/match.command';
import { SIMULATE_USAGE, simulateCommand } from './commands/simulate.command';

const USAGE = ['wavedesk CLI (npm run cli -- <command>):', `  ${IMPORT_USAGE}`, `  ${GENERATE_USAGE}`, `  ${MATCH_USAGE}`, `  ${SIMULATE_USAGE}`].join('\n');

/**
 * Runs one command and returns its exit code. `import` and `match` work on DATABASE_URL (or the embedded
 * SQLite) directly, without HTTP or Redis; `generate` needs no database.
 */
export async function runCli(argv: readonly string[], out: Output = consoleOutput()): Promise<number> {
  const [command, ...rest] = argv;
  let app: INestApplicationContext | undefined;
  try {
    if (!command || command === 'help' || command === '--help') {
      out.line(USAGE);
      return command ? 0 : 2;
    }
    if (command === 'generate') return await generateCommand(parseArgs(rest, ['application-ids']), out);
    // Talks to a running API over HTTP: a simulation needs the API and the worker.
    if (command === 'simulate') return await simulateCommand(parseArgs(rest, []), out);
    if (command !== 'import' && command !== 'match') throw new UsageError(`不明なコマンド「${command}」です。`);
    const args = parseArgs(rest, ['valid-only']);
    loadConfig();
    const { CliModule } = await import('./cli.module');
    app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
    return command === 'import' ? await importCommand(app, args, out) : await matchCommand(app, args, out);
  } catch (error) {
    if (error instanceof UsageError) {
      out.line(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      out.line(`設定の誤り: ${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    await app?.close();
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      // Class and message only: a database error may quote values of a row.
      process.stderr.write(`wavedesk cli: ${error instanceof Error ? `${error.name}: ${error.message.split('\n')[0].slice(0, 200)}` : String(error)}\n`);
      process.exit(1);
    },
  );
}
