import type { Routes } from '@angular/router';

export const LOGIN_ROUTES: Routes = [
  {
    path: '',
    title: 'Sign in',
    loadComponent: () => import('./pages/login.page').then((m) => m.LoginPage),
  },
];
