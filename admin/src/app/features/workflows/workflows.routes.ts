import type { Routes } from '@angular/router';

import { featureGuard } from '../../core/features/feature.guard';
import { unsavedChangesGuard } from '../../shared/ui/unsaved-changes.guard';

export const WORKFLOWS_ROUTES: Routes = [
  {
    path: '',
    title: 'Workflows',
    loadComponent: () => import('./pages/workflow-list.page').then((m) => m.WorkflowListPage),
  },
  {
    path: 'new',
    title: 'New workflow',
    canDeactivate: [unsavedChangesGuard],
    loadComponent: () => import('./pages/workflow-new.page').then((m) => m.WorkflowNewPage),
  },
  {
    path: ':id',
    loadComponent: () => import('./pages/workflow-detail.page').then((m) => m.WorkflowDetailPage),
    children: [
      {
        path: '',
        title: 'Edit workflow',
        canDeactivate: [unsavedChangesGuard],
        loadComponent: () => import('./pages/workflow-definition.page').then((m) => m.WorkflowDefinitionPage),
      },
      {
        path: 'publishing',
        title: 'Publishing',
        canMatch: [featureGuard('chatkit_publish_enabled')],
        canDeactivate: [unsavedChangesGuard],
        loadComponent: () => import('./pages/workflow-publishing.page').then((m) => m.WorkflowPublishingPage),
      },
      {
        path: 'history',
        title: 'Version history',
        loadComponent: () => import('./pages/workflow-history.page').then((m) => m.WorkflowHistoryPage),
      },
      // Publishing switched off (or a mistyped tab): back to the definition.
      { path: '**', redirectTo: '' },
    ],
  },
];
