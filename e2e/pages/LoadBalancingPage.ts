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
    // The tab keeps an open load balancer open: its Back button leads to the list.
    const back = this.detail.getByRole('button', { name: 'Back to the load balancers' });
    if (await back.isVisible()) await back.click();
    await this.page.getByRole('button', { name: 'Create load balancer' }).click();
    await this.createDialog.getByLabel('Load balancer name').fill(name);
    await this.createDialog.getByLabel('Target group name').fill(targetGroup);
    await this.ecs.choose(this.createDialog, 'Target type', targetType);
    await this.createDialog.getByRole('button', { name: 'Create load balancer' }).click();
    await expect(this.createDialog).toBeHidden();
    await expect(this.detail).toBeVisible();
  }

  /**
   * A target group on its own: made with a load balancer that is deleted again, its target
   * group kept (as ELB keeps it), so no load balancer has it yet.
   */
  async createSpareTargetGroup(loadBalancer: string, targetGroup: string) {
    await this.create(loadBalancer, targetGroup, 'Instances');
    await this.detail.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = this.page.getByRole('dialog', {
      name: `Delete the load balancer ${loadBalancer}?`,
    });
    await confirm.getByRole('checkbox', { name: /^Also delete the target group/ }).uncheck();
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(confirm).toBeHidden();
    await expect(this.detail).toBeHidden();
  }

  /**
   * A service of `count` tasks of the family's first revision, registered in `targetGroup`
   * from the create-service wizard's Load balancer step; leaves its view open.
   */
  async createServiceBehind(family: string, name: string, count: number, targetGroup: string) {
    await this.ecs.tab('Services').click();
    await this.page.getByRole('button', { name: 'Create service' }).click();
    const wizard = this.ecs.serviceWizard;
    await wizard.getByRole('combobox', { name: 'Task definition revision' }).click();
    await this.page.getByRole('option', { name: new RegExp(`^${family}:1(?!\\d)`) }).click();
    await wizard.getByLabel('Service name').fill(name);
    await wizard.getByRole('tab', { name: 'Launch and count' }).click();
    await wizard.getByLabel('Desired tasks').fill(String(count));
    await wizard.getByRole('tab', { name: 'Load balancer' }).click();
    await wizard.getByRole('switch', { name: 'Put the service behind a load balancer' }).click();
    await wizard.getByRole('combobox', { name: 'Target group' }).click();
    await this.page.getByRole('option', { name: new RegExp(`^${targetGroup}`) }).click();
    await expect(wizard.getByTestId('create-service-json')).toContainText('"containerPort": 80');
    await expect(wizard.getByTestId('create-service-json')).toContainText(
      '"healthCheckGracePeriodSeconds": 60',
    );
    await wizard.getByRole('tab', { name: 'Deployment' }).click();
    await wizard.getByRole('button', { name: 'Create service' }).click();
    await expect(wizard).toBeHidden();
    await expect(this.ecs.serviceView).toBeVisible();
  }

  /** The targets of one target group, as its table lists them. */
  targetsOf(targetGroup: string): Locator {
    return this.page
      .locator(`[data-testid="target-group"][data-target-group="${targetGroup}"]`)
      .locator('[data-target]');
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
