import { expect, type Locator, type Page } from '@playwright/test';
import type { EcsPage } from './EcsPage';

export type StrategyLabel = 'Blue/green' | 'Linear' | 'Canary';

/** The service view's Deployments tab and the Update dialog's deployment strategy. */
export class ServiceDeployments {
  readonly page: Page;
  /** The deployment in progress: `data-stage` is its lifecycle stage. */
  readonly progress: Locator;
  /** The production listener's split: `data-blue` and `data-green` are percentages. */
  readonly split: Locator;
  readonly blue: Locator;
  readonly green: Locator;
  readonly stopButton: Locator;
  readonly historyRows: Locator;

  constructor(readonly ecs: EcsPage) {
    this.page = ecs.page;
    this.progress = this.page.getByTestId('deployment-progress');
    this.split = this.page.getByTestId('traffic-split');
    this.blue = this.page.getByTestId('traffic-blue');
    this.green = this.page.getByTestId('traffic-green');
    this.stopButton = this.page.getByRole('button', { name: 'Stop deployment' });
    this.historyRows = this.page.getByTestId('deployment-history').locator('tbody tr');
  }

  tab(): Locator {
    return this.ecs.serviceView.getByRole('tab', { name: 'Deployments', exact: true });
  }

  /**
   * Rolls `revision` out with a traffic-shifting strategy from the Update dialog: its timing
   * fields by label, the alternate target group and the production listener by name.
   */
  async rollOut(options: {
    revision: string;
    strategy: StrategyLabel;
    timing: Record<string, string>;
    alternateTargetGroup: string;
    productionListener: string;
  }) {
    const dialog = this.ecs.updateServiceDialog;
    await this.ecs.serviceView.getByRole('button', { name: 'Update', exact: true }).click();
    await this.ecs.choose(dialog, 'Task definition revision', options.revision);
    await dialog.getByRole('radio', { name: options.strategy, exact: true }).check();
    for (const [label, value] of Object.entries(options.timing)) {
      await dialog.getByLabel(label, { exact: true }).fill(value);
    }
    await this.ecs.choose(dialog, 'Alternate target group', options.alternateTargetGroup);
    await this.ecs.choose(dialog, 'Production listener', options.productionListener);
    await dialog.getByRole('button', { name: 'Update', exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  /** Stops the deployment in progress through its confirmation. */
  async stop() {
    await this.stopButton.click();
    const confirm = this.page.getByRole('dialog', { name: /^Stop the deployment of / });
    await confirm.getByRole('button', { name: 'Stop and roll back' }).click();
    await expect(confirm).toBeHidden();
  }
}
