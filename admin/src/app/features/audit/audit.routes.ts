import type { Routes } from '@angular/router';

export const AUDIT_ROUTES: Routes = [
  {
    path: '',
    title: 'Audit trail',
    loadComponent: () => import('./pages/audit.page').then((m) => m.AuditPage),
  },
];
