export * from './errors';
export * from './roles';
export * from './api';
export * from './audit-actions';
export * from './chatkit';
export * from './chatkit.schema';
