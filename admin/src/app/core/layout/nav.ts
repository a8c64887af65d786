import type { Role } from '@atrium/protocol';

import { canOpenArea, type Area } from '../auth/access';
import type { IconName } from '../../shared/ui/icon.component';

export interface NavItem {
  area: Area;
  path: `/${Area}`;
  label: string;
  icon: IconName;
}

/** Side-nav entries in display order; who sees each comes from AREA_ROLES. */
const NAV_ITEMS: readonly NavItem[] = [
  { area: 'workflows', path: '/workflows', label: 'Workflows', icon: 'workflow' },
  { area: 'users', path: '/users', label: 'Users', icon: 'users' },
  { area: 'audit', path: '/audit', label: 'Audit trail', icon: 'history' },
  { area: 'chats', path: '/chats', label: 'Chats', icon: 'chat' },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => canOpenArea(role, item.area));
}
