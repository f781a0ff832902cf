export * from './live-publisher';
export * from './socket-server.publisher';
export * from './redis-emitter.publisher';
export * from './live-fan-out';
