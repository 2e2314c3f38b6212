import type { TaskDefinition } from '@aws-sdk/client-ecs';

/** `family` and `revision` of a task definition ARN (`…:task-definition/family:3`). */
export function familyRevisionOf(arn: string): { family: string; revision: number } | undefined {
  const match = /(?:^|\/)([A-Za-z0-9_-]+):(\d+)$/.exec(arn);
  return match ? { family: match[1]!, revision: Number(match[2]) } : undefined;
}

/**
 * The revisions an export carries: of the families the cluster uses, every ACTIVE revision in
 * use (by its tasks and services) and the latest ACTIVE one, oldest first within a family and
 * families in name order, the order they are registered in again.
 */
export function chooseRevisions(
  inUse: Iterable<string>,
  active: readonly TaskDefinition[],
): TaskDefinition[] {
  const used = new Set<string>();
  for (const arn of inUse) {
    const ref = familyRevisionOf(arn);
    if (ref) used.add(`${ref.family}:${ref.revision}`);
  }
  const families = new Set([...used].map((ref) => ref.slice(0, ref.lastIndexOf(':'))));
  const latest = new Map<string, number>();
  for (const definition of active) {
    const family = definition.family ?? '';
    if (!families.has(family)) continue;
    latest.set(family, Math.max(latest.get(family) ?? 0, definition.revision ?? 0));
  }
  return active
    .filter((definition) => {
      const family = definition.family ?? '';
      const revision = definition.revision ?? 0;
      return (
        definition.status === 'ACTIVE' &&
        families.has(family) &&
        (used.has(`${family}:${revision}`) || latest.get(family) === revision)
      );
    })
    .sort(
      (a, b) =>
        (a.family ?? '').localeCompare(b.family ?? '') || (a.revision ?? 0) - (b.revision ?? 0),
    );
}
