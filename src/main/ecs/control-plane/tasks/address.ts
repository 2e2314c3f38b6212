import type { TaskRecord } from '../core/state';

/**
 * The task with the private address its runtime really gave it (the cluster network's subnet
 * may not hold the one chosen at RunTask), in its network interfaces and ENI attachment, or
 * undefined when it already has it.
 */
export function withPrivateAddress(task: TaskRecord, address: string): TaskRecord | undefined {
  const current = task.containers[0]?.networkInterfaces?.[0]?.privateIpv4Address;
  if (current === undefined || current === address) return undefined;
  return {
    ...task,
    version: task.version + 1,
    containers: task.containers.map((container) => ({
      ...container,
      networkInterfaces: (container.networkInterfaces ?? []).map((eni) => ({
        ...eni,
        privateIpv4Address: address,
      })),
    })),
    ...(task.attachments
      ? {
          attachments: task.attachments.map((attachment) => ({
            ...attachment,
            details: (attachment.details ?? []).map((detail) =>
              detail.name === 'privateIPv4Address'
                ? { ...detail, value: address }
                : detail.name === 'privateDnsName'
                  ? { ...detail, value: `ip-${address.replaceAll('.', '-')}.ec2.internal` }
                  : detail,
            ),
          })),
        }
      : {}),
  };
}
