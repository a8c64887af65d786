import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { UsersService } from '../users/users.service';
import { WorkflowsService } from '../workflows/workflows.service';
import { DEMO_WORKFLOWS } from './demo-content';

export interface SeedResult {
  adminCreated: boolean;
  adminEmail: string;
  /** Only set when the password was generated here; shown once. */
  generatedPassword?: string;
  demoWorkflows: number;
}

/** First start: the administrator account and demo workflows. Idempotent. */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly workflows: WorkflowsService,
  ) {}

  async seed(): Promise<SeedResult> {
    const generated = this.config.adminPassword ? undefined : randomBytes(12).toString('base64url');
    const adminCreated = await this.users.createInitialAdmin(this.config.adminEmail, this.config.adminPassword ?? generated!);
    let demoWorkflows = 0;
    if (adminCreated && this.config.seedDemo && (await this.workflows.count()) === 0) {
      for (const wf of DEMO_WORKFLOWS()) {
        await this.workflows.create(wf);
        demoWorkflows++;
      }
      this.logger.log({ count: demoWorkflows }, 'Seeded demo workflows');
    }
    return { adminCreated, adminEmail: this.config.adminEmail, ...(adminCreated && generated ? { generatedPassword: generated } : {}), demoWorkflows };
  }
}
