import type { RedisOptions } from 'ioredis';

/** ioredis options from a redis:// URL (host, port, db, password, TLS for rediss://). */
export function redisOptions(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    db: u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0,
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    // On disconnect ioredis waits this long for a socket to close before destroying it (default 2 s, even
    // for a socket that never connected): shutdown without Redis would otherwise linger.
    disconnectTimeout: 200,
  };
}

/** The sentence users read when Redis cannot be reached. */
export function redisDownMessage(url: string): string {
  const u = new URL(url);
  return (
    `Redis（${u.hostname}:${u.port || 6379}）に接続できないため、この操作は現在実行できません。` +
    `Redis を起動してください（例: redis-server --daemonize yes --port ${u.port || 6379}）。` +
    `Redis is unreachable at ${u.hostname}:${u.port || 6379}; start it, e.g. \`redis-server --daemonize yes --port ${u.port || 6379}\`.`
  );
}
