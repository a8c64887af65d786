import { inject } from '@angular/core';
import type { Routes } from '@angular/router';

import { areaGuard, authGuard, guestGuard } from './core/auth/auth.guards';
import { AuthService } from './core/auth/auth.service';

/**
 * Every feature is lazy. Area guards use `canMatch`, so a role never downloads the code
 * of an area it may not open (see core/auth/access.ts for who may open what).
 */
export const routes: Routes = [
  {
    path: 'login',
    canMatch: [guestGuard],
    loadChildren: () => import('./features/login/login.routes').then((m) => m.LOGIN_ROUTES),
  },
  {
    path: '',
    canMatch: [authGuard],
    loadComponent: () => import('./core/layout/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: () => inject(AuthService).homePath() },
      {
        path: 'workflows',
        canMatch: [areaGuard('workflows')],
        loadChildren: () => import('./features/workflows/workflows.routes').then((m) => m.WORKFLOWS_ROUTES),
      },
      {
        path: 'users',
        canMatch: [areaGuard('users')],
        loadChildren: () => import('./features/users/users.routes').then((m) => m.USERS_ROUTES),
      },
      {
        path: 'audit',
        canMatch: [areaGuard('audit')],
        loadChildren: () => import('./features/audit/audit.routes').then((m) => m.AUDIT_ROUTES),
      },
      {
        path: 'chats',
        canMatch: [areaGuard('chats')],
        loadChildren: () => import('./features/chats/chats.routes').then((m) => m.CHATS_ROUTES),
      },
      {
        path: '**',
        title: 'Page not found',
        loadComponent: () => import('./core/layout/not-found.page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
