import { ChangeDetectionStrategy, Component } from '@angular/core';

import { ComingSoonComponent } from '../../../shared/ui/coming-soon.component';
import { PageHeaderComponent } from '../../../shared/ui/page-header.component';

@Component({
  selector: 'app-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ComingSoonComponent, PageHeaderComponent],
  template: `
    <app-page-header heading="Users" description="Everyone who can sign in to Atrium, and what their role lets them do." />
    <app-coming-soon
      icon="users"
      summary="User management will live here."
      [features]="[
        'Search and page through all users, filtered by role and status.',
        'Invite a user with a name, email and role: admin, employee or auditor.',
        'Change a role, reset a password, deactivate or reactivate an account.',
        'See when each person last signed in.',
      ]"
    />
  `,
})
export class UsersPage {}
