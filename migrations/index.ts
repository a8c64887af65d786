import { Foundation1763800000000 } from './1763800000000-foundation';

/** Every migration, in order. Listed explicitly: nothing is discovered by globbing. */
export const MIGRATIONS = [Foundation1763800000000];
