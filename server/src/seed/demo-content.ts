import type { CreateWorkflowDto } from '../workflows/dto/workflow.dto';

/** Demo workflows created on first start (ATRIUM_SEED_DEMO=false skips them). */
export const DEMO_WORKFLOWS = (): CreateWorkflowDto[] => [
  {
    name: 'Company helpdesk',
    description: 'Answers questions about internal tools. Connect a model to make it useful.',
    kind: 'agent',
    definition: {
      instructions: 'You are the company helpdesk. Answer briefly and point to the right internal tool.',
      model: { provider: 'auto', model: 'gpt-4.1-mini', temperature: 0.3 },
      tool_packs: [],
      greeting: 'Hi! Ask me anything about our internal tools.',
      starter_prompts: [{ label: 'Reset my VPN', prompt: 'How do I reset my VPN access?' }],
    },
  },
];
