import type { Routes } from '@angular/router';

export const WORKFLOWS_ROUTES: Routes = [
  {
    path: '',
    title: 'Workflows',
    loadComponent: () => import('./pages/workflow-list.page').then((m) => m.WorkflowListPage),
  },
];
