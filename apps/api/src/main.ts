import { APP_CONFIG, type AppConfig, ConfigError, loadConfig } from '@wavedesk/config';

async function main(): Promise<void> {
  try {
    loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`wavedesk: configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const { createApiApp } = await import('./bootstrap');
  const app = await createApiApp();
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.port, config.host);
  process.stdout.write(`wavedesk API listening on http://localhost:${config.port} (OpenAPI: /api/docs)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`wavedesk: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
