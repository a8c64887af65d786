import { Foundation1763800000000 } from './1763800000000-foundation';
import { Tasks1763900000000 } from './1763900000000-tasks';
import { Chatkit1763950000000 } from './1763950000000-chatkit';
import { LoginSessions1764100000000 } from './1764100000000-login-sessions';
import { Telemetry1764200000000 } from './1764200000000-telemetry';

/** Every migration, in order. Listed explicitly: nothing is discovered by globbing. */
export const MIGRATIONS = [Foundation1763800000000, Tasks1763900000000, Chatkit1763950000000, LoginSessions1764100000000, Telemetry1764200000000];
