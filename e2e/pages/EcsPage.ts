import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

export type EcsTabName = 'Clusters' | 'Cluster map' | 'Services' | 'Task definitions' | 'Tasks';

export class EcsPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly runtime: Locator;
  readonly clusterSelect: Locator;
  readonly createClusterDialog: Locator;
  readonly addInstancesDialog: Locator;
  readonly formDialog: Locator;
  readonly jsonDialog: Locator;
  readonly runDialog: Locator;
  readonly stopDialog: Locator;
  readonly confirmDialog: Locator;
  readonly zoneColumns: Locator;
  readonly taskChips: Locator;
  readonly taskDetail: Locator;
  readonly endpointButton: Locator;
  readonly endpointDialog: Locator;
  readonly serviceWizard: Locator;
  readonly updateServiceDialog: Locator;
  readonly serviceView: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'ECS', exact: true });
    this.runtime = page.getByTestId('ecs-runtime');
    this.clusterSelect = page.getByRole('combobox', { name: 'Cluster', exact: true });
    this.createClusterDialog = page.getByRole('dialog', { name: 'Create a cluster' });
    this.addInstancesDialog = page.getByRole('dialog', { name: /^Add container instances/ });
    this.formDialog = page.getByRole('dialog', { name: 'Register a task definition' });
    this.jsonDialog = page.getByRole('dialog', { name: 'Register a task definition from JSON' });
    this.runDialog = page.getByRole('dialog', { name: /^Run / });
    this.stopDialog = page.getByRole('dialog', { name: 'Stop the task?' });
    this.confirmDialog = page.getByRole('dialog', { name: /\?$/ });
    this.zoneColumns = page.getByTestId('az-column');
    this.taskChips = page.getByTestId('task-chip');
    this.taskDetail = page.getByTestId('task-detail');
    this.endpointButton = page.getByTestId('endpoint-button');
    this.endpointDialog = page.getByRole('dialog', { name: 'ECS API endpoint' });
    this.serviceWizard = page.getByRole('dialog', { name: /^Create a service in / });
    this.updateServiceDialog = page.getByRole('dialog', { name: /^Update / });
    this.serviceView = page.getByTestId('service-view');
  }

  async open(appUrl: string): Promise<void> {
    await this.shell.open(appUrl);
    await this.shell.navLink('ECS').click();
    await expect(this.heading).toBeVisible();
  }

  tab(name: EcsTabName): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  zone(zone: string): Locator {
    return this.page.locator(`[data-testid="az-column"][data-zone="${zone}"]`);
  }

  /** Picks `option` in the MUI select labelled `label` inside `scope`. */
  async choose(scope: Locator | Page, label: string, option: string): Promise<void> {
    await scope.getByRole('combobox', { name: label, exact: true }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  async createCluster(name: string): Promise<void> {
    await this.tab('Clusters').click();
    await this.page.getByRole('button', { name: 'Create cluster' }).click();
    await this.createClusterDialog.getByLabel('Cluster name').fill(name);
    await this.createClusterDialog.getByRole('button', { name: 'Create' }).click();
    await expect(this.createClusterDialog).toBeHidden();
  }

  async addInstances(zone: string, count = 1): Promise<void> {
    await this.page.getByRole('button', { name: 'Add instances' }).click();
    await this.addInstancesDialog.getByLabel('Count').fill(String(count));
    await this.choose(this.addInstancesDialog, 'Availability zone', zone);
    await this.addInstancesDialog.getByRole('button', { name: 'Add' }).click();
    await expect(this.addInstancesDialog).toBeHidden();
  }

  /** The family's entry in the list of task-definition families. */
  family(name: string): Locator {
    return this.page.getByTestId('families').getByRole('button').filter({ hasText: name });
  }

  container(index: number): Locator {
    return this.formDialog.getByTestId('container-editor').nth(index);
  }

  /** Registers a task definition from its JSON text. */
  async registerJson(definition: object): Promise<void> {
    await this.tab('Task definitions').click();
    await this.page.getByRole('button', { name: 'Create from JSON' }).click();
    await this.jsonDialog.getByTestId('json-editor').fill(JSON.stringify(definition));
    await this.jsonDialog.getByRole('button', { name: 'Register' }).click();
    await expect(this.jsonDialog).toBeHidden();
  }

  /** The task chips the open service view picks out on the map, in `zone` when given. */
  serviceTaskChips(zone?: string): Locator {
    const scope = zone === undefined ? this.page : this.zone(zone);
    return scope.locator('[data-testid="task-chip"][data-highlighted="true"]');
  }
}
