import type { CreateWorkflowDto } from '../workflows/dto/workflow.dto';

/** Demo workflows created on first start (ATRIUM_SEED_DEMO=false skips them). */
export const DEMO_WORKFLOWS = (): CreateWorkflowDto[] => [
  {
    name: 'Task assistant',
    description:
      'Keeps a personal to-do list: add, list, complete and delete tasks from the chat, with an interactive task card. '
      + 'Works without a model (built-in commands); connect one with OPENAI_API_KEY for free-form requests.',
    kind: 'agent',
    definition: {
      instructions: [
        'You are a friendly task assistant. You help the user keep track of their personal tasks.',
        'Use the task tools for every change; never claim a change you did not make with a tool.',
        'Keep answers short.',
      ].join(' '),
      model: { provider: 'auto', model: 'gpt-4.1-mini', temperature: 0.2 },
      tool_packs: ['tasks'],
      greeting: 'Hi! I keep your to-do list. Add a task, or ask me to show your tasks.',
      starter_prompts: [
        { label: 'Add a task', prompt: 'Add a task', icon: 'plus' },
        { label: 'Show my tasks', prompt: 'Show my tasks', icon: 'check-circle' },
      ],
    },
  },
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
