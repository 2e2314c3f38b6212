import { expect, type Locator, type Page } from '@playwright/test';
import type { EcsPage } from './EcsPage';

/** The Load balancers tab, its detail, and the service view's Load balancer and Auto scaling tabs. */
export class LoadBalancingPage {
  readonly page: Page;
  readonly createDialog: Locator;
  readonly detail: Locator;
  readonly targetHealth: Locator;
  readonly trafficTargets: Locator;
  readonly autoScaling: Locator;
  readonly capacity: Locator;

  constructor(readonly ecs: EcsPage) {
    this.page = ecs.page;
    this.createDialog = this.page.getByRole('dialog', { name: 'Create a load balancer' });
    this.detail = this.page.getByTestId('load-balancer-view');
    this.targetHealth = this.page.getByTestId('target-health');
    this.trafficTargets = this.page.getByTestId('traffic-target');
    this.autoScaling = this.page.getByTestId('auto-scaling-panel');
    this.capacity = this.page.getByTestId('capacity');
  }

  tab(): Locator {
    return this.page.getByRole('tab', { name: 'Load balancers', exact: true });
  }

  async create(name: string, targetGroup: string, targetType: 'IP addresses' | 'Instances') {
    await this.tab().click();
    await this.page.getByRole('button', { name: 'Create load balancer' }).click();
    await this.createDialog.getByLabel('Load balancer name').fill(name);
    await this.createDialog.getByLabel('Target group name').fill(targetGroup);
    await this.ecs.choose(this.createDialog, 'Target type', targetType);
    await this.createDialog.getByRole('button', { name: 'Create load balancer' }).click();
    await expect(this.createDialog).toBeHidden();
    await expect(this.detail).toBeVisible();
  }

  /** Sends traffic from the first traffic panel on the page. */
  async sendTraffic(rate: number, seconds: number) {
    const panel = this.page.getByTestId('traffic-panel').first();
    await panel.getByLabel('Requests per second').fill(String(rate));
    await panel.getByLabel('For (seconds)').fill(String(seconds));
    await panel.getByRole('button', { name: 'Send traffic' }).click();
  }

  serviceTab(name: 'Load balancer' | 'Auto scaling'): Locator {
    return this.ecs.serviceView.getByRole('tab', { name, exact: true });
  }

  /** Moves a load dial slider to its minimum or maximum with the keyboard (sent on release). */
  async dial(name: 'CPU' | 'Memory', to: 'Home' | 'End') {
    const slider = this.page
      .getByTestId('load-dial')
      .getByRole('slider', { name: new RegExp(`^${name}:`) });
    await slider.focus();
    await slider.press(to);
  }
}
