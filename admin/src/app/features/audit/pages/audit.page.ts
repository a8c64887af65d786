import { ChangeDetectionStrategy, Component } from '@angular/core';

import { ComingSoonComponent } from '../../../shared/ui/coming-soon.component';
import { PageHeaderComponent } from '../../../shared/ui/page-header.component';

@Component({
  selector: 'app-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ComingSoonComponent, PageHeaderComponent],
  template: `
    <app-page-header
      heading="Audit trail"
      description="A read-only, append-only record of who published, changed or granted what."
    />
    <app-coming-soon
      icon="history"
      summary="The audit trail will live here."
      [features]="[
        'Filter events by action, person, workflow and date range.',
        'Chart activity over time.',
        'Export the filtered events as CSV or JSON.',
        'Verify that the hash chain is intact and nothing was altered.',
      ]"
    />
  `,
})
export class AuditPage {}
