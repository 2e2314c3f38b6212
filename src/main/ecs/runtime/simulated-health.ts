import type { HealthCheck } from '@aws-sdk/client-ecs';
import { ecsHealthCheckDefaults } from './docker-map';

/** When a simulated container's health check decides, and what it decides. */
export interface ScriptedHealth {
  healthStatus: 'HEALTHY' | 'UNHEALTHY';
  /** Milliseconds after the container started running. */
  afterMs: number;
}

/** `exit N` as the whole of a `CMD-SHELL` script, or `true`/`false` as a `CMD`. */
function scriptedExitCode(command: readonly string[]): number | undefined {
  const [form, ...rest] = command;
  if (form === 'CMD-SHELL') {
    const match = /^\s*exit\s+(\d+)\s*;?\s*$/.exec(rest.join(' '));
    return match ? Number(match[1]) : undefined;
  }
  if (form === 'CMD' && rest.length === 1) {
    if (rest[0] === 'true') return 0;
    if (rest[0] === 'false') return 1;
  }
  return undefined;
}

/**
 * The simulated runtime runs no check: a container's health follows from its check's command,
 * on Docker's schedule (a check every `interval` seconds from the start, failures inside
 * `startPeriod` not counted), with ECS's defaults for what the definition leaves out.
 *
 * - A check that always passes (`CMD-SHELL exit 0`, `CMD true`) makes the container HEALTHY
 *   at the first check.
 * - A check that always fails (`CMD-SHELL exit N` with N ≠ 0, `CMD false`) makes it UNHEALTHY
 *   at the `retries`-th counted failure.
 * - Any other command (which cannot be run here) passes once the start period is over: HEALTHY
 *   at the first check after `startPeriod`.
 */
export function scriptedHealth(check: HealthCheck | undefined): ScriptedHealth | undefined {
  if (!check?.command?.length) return undefined;
  const intervalMs = (check.interval ?? ecsHealthCheckDefaults.interval) * 1000;
  const startPeriodMs = (check.startPeriod ?? ecsHealthCheckDefaults.startPeriod) * 1000;
  const retries = check.retries ?? ecsHealthCheckDefaults.retries;
  /** The first check whose failure counts: the first at or after the start period. */
  const firstCountedCheck = Math.max(1, Math.ceil(startPeriodMs / intervalMs));
  const exitCode = scriptedExitCode(check.command);
  if (exitCode === 0) return { healthStatus: 'HEALTHY', afterMs: intervalMs };
  if (exitCode !== undefined) {
    return {
      healthStatus: 'UNHEALTHY',
      afterMs: (firstCountedCheck + Math.max(1, retries) - 1) * intervalMs,
    };
  }
  return { healthStatus: 'HEALTHY', afterMs: firstCountedCheck * intervalMs };
}
