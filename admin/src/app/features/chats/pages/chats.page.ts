import { ChangeDetectionStrategy, Component } from '@angular/core';

import { ComingSoonComponent } from '../../../shared/ui/coming-soon.component';
import { PageHeaderComponent } from '../../../shared/ui/page-header.component';

@Component({
  selector: 'app-chats-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ComingSoonComponent, PageHeaderComponent],
  template: `
    <app-page-header heading="Chats" description="Your conversations with the workflows published for you." />
    <app-coming-soon
      icon="chat"
      summary="Your chats will live here."
      [features]="[
        'Start a chat with any workflow published to you.',
        'Pick up earlier conversations, on any device.',
        'Use the widgets installed for your workspace.',
      ]"
    />
  `,
})
export class ChatsPage {}
