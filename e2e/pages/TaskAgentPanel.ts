import type { Locator } from '@playwright/test';

/** The container agent's panel in an ECS task's detail: roles, requests, who-am-I. */
export class TaskAgentPanel {
  readonly root: Locator;
  readonly taskRole: Locator;
  readonly noRole: Locator;
  readonly requests: Locator;
  readonly whoAmI: Locator;
  readonly answer: Locator;

  constructor(taskDetail: Locator) {
    this.root = taskDetail.getByTestId('task-agent');
    this.taskRole = this.root.getByTestId('task-role-task');
    this.noRole = this.root.getByTestId('task-agent-no-role');
    this.requests = this.root.getByTestId('task-agent-requests');
    this.whoAmI = this.root.getByRole('button', { name: 'Who am I in this task?' });
    this.answer = this.root.getByTestId('task-role-answer');
  }
}
