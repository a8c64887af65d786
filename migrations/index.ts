import { Foundation1763800000000 } from './1763800000000-foundation';
import { Tasks1763900000000 } from './1763900000000-tasks';
import { Chatkit1763950000000 } from './1763950000000-chatkit';

/** Every migration, in order. Listed explicitly: nothing is discovered by globbing. */
export const MIGRATIONS = [Foundation1763800000000, Tasks1763900000000, Chatkit1763950000000];
