import type { Routes } from '@angular/router';

export const CHATS_ROUTES: Routes = [
  {
    path: '',
    title: 'Chats',
    loadComponent: () => import('./pages/chats.page').then((m) => m.ChatsPage),
  },
];
