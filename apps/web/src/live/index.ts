export { LiveProvider, useLiveConnection, useLiveEvent, type LiveConnection, type LiveStatus } from './live-context';
