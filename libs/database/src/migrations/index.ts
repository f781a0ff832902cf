import { Foundation1764400000000 } from './1764400000000-foundation';

/** Every migration, oldest first. Never edit one that has landed; add a new one. */
export const MIGRATIONS = [Foundation1764400000000];
