import type { EcsContainerInstance, EcsTask } from '../../../../shared';
import { familyOfTaskDefinition, shortArn } from '../../../../shared';

export interface ResourceGauge {
  registered: number;
  reserved: number;
}

function resource(
  resources: EcsContainerInstance['registeredResources'],
  name: 'CPU' | 'MEMORY',
): number {
  return resources?.find((entry) => entry.name === name)?.integerValue ?? 0;
}

/** Reserved vs registered CPU units and MiB of memory. */
export function gaugesOf(instance: EcsContainerInstance): {
  cpu: ResourceGauge;
  memory: ResourceGauge;
} {
  const gauge = (name: 'CPU' | 'MEMORY') => {
    const registered = resource(instance.registeredResources, name);
    return { registered, reserved: registered - resource(instance.remainingResources, name) };
  };
  return { cpu: gauge('CPU'), memory: gauge('MEMORY') };
}

export function attributeOf(instance: EcsContainerInstance, name: string): string | undefined {
  return instance.attributes?.find((attribute) => attribute.name === name)?.value;
}

export interface ZoneColumn {
  zone: string;
  instances: EcsContainerInstance[];
}

/** One column per availability zone that has instances, zones and instances in a stable order. */
export function zoneColumns(instances: readonly EcsContainerInstance[]): ZoneColumn[] {
  const byZone = new Map<string, EcsContainerInstance[]>();
  for (const instance of instances) {
    if (instance.status === 'INACTIVE') continue;
    const zone = attributeOf(instance, 'ecs.availability-zone') ?? 'unknown zone';
    const members = byZone.get(zone);
    if (members) members.push(instance);
    else byZone.set(zone, [instance]);
  }
  return [...byZone.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([zone, members]) => ({
      zone,
      instances: members.sort((a, b) => (a.registeredAt ?? 0) - (b.registeredAt ?? 0)),
    }));
}

/** "web:3 · 1a2b3c4d": the family and revision, and the start of the task id. */
export function taskChipLabel(task: EcsTask): string {
  const definition = shortArn(task.taskDefinitionArn);
  return `${definition} · ${shortArn(task.taskArn).slice(0, 8)}`;
}

export function taskFamily(task: EcsTask): string {
  return familyOfTaskDefinition(task.taskDefinitionArn ?? '');
}
