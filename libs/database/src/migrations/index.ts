import { Foundation1764400000000 } from './1764400000000-foundation';
import { Inquiries1795980461730 } from './1795980461730-inquiries';

/** Every migration, oldest first. Never edit one that has landed; add a new one. */
export const MIGRATIONS = [Foundation1764400000000, Inquiries1795980461730];
