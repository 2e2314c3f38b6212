/**
 * Application Auto Scaling's timing for ECS services, and the demo timing that shortens it so
 * scaling can be watched in minutes: the metric period and the cooldowns change, the number of
 * datapoints an alarm needs does not.
 */

/** Target tracking's alarms: AlarmHigh needs 3 datapoints above, AlarmLow 15 below 90 %. */
export const highAlarmDatapoints = 3;
export const lowAlarmDatapoints = 15;
export const scaleInThresholdRatio = 0.9;

/** ECS services' default cooldowns (target tracking's scale-in and scale-out, step's Cooldown). */
export const defaultCooldownSeconds = 300;

export interface AutoScalingTiming {
  periodSeconds: number;
  /** Under demo timing, no cooldown is longer than this. */
  cooldownCapSeconds?: number;
}

export const awsTiming: AutoScalingTiming = { periodSeconds: 60 };
// Short enough that a class sees a scale-in (15 datapoints) in about a minute and a half.
export const demoTiming: AutoScalingTiming = { periodSeconds: 5, cooldownCapSeconds: 10 };

export const timingOf = (demo: boolean): AutoScalingTiming => (demo ? demoTiming : awsTiming);

/** The cooldown in force for a policy's configured one (or the default), in milliseconds. */
export function cooldownMs(configured: number | undefined, timing: AutoScalingTiming): number {
  const seconds = configured ?? defaultCooldownSeconds;
  const capped =
    timing.cooldownCapSeconds === undefined
      ? seconds
      : Math.min(seconds, timing.cooldownCapSeconds);
  return capped * 1_000;
}
