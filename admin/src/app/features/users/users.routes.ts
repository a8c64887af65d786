import type { Routes } from '@angular/router';

export const USERS_ROUTES: Routes = [
  {
    path: '',
    title: 'Users',
    loadComponent: () => import('./pages/users.page').then((m) => m.UsersPage),
  },
];
