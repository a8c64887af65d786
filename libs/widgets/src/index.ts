/**
 * @atrium/widgets — the ChatKit widget language shared by the server, the admin and
 * the `<atrium-chat>` element: types, JSON Schema, validator, size cap and builders.
 * Framework-free; safe to bundle for browsers (no runtime dependencies).
 */
export * from './tokens';
export * from './types';
export * from './schema';
export * from './validate';
export * from './size';
export * from './actions';
export * from './builders';
