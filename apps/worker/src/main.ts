import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@wavedesk/config';

async function main(): Promise<void> {
  try {
    loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`wavedesk worker: configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const { WorkerModule } = await import('./worker.module');
  // abortOnError false: a failed start rejects with its reason, printed below, instead of Nest exiting from inside.
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  process.stdout.write(`wavedesk worker started (pid ${process.pid})\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`wavedesk worker: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
