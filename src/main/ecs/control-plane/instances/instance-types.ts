/** The EC2 instance types Stowage can launch as simulated container instances. */
export const instanceTypes = {
  't3.micro': { vcpu: 2, memoryGiB: 1 },
  't3.small': { vcpu: 2, memoryGiB: 2 },
  't3.medium': { vcpu: 2, memoryGiB: 4 },
  'm5.large': { vcpu: 2, memoryGiB: 8 },
  'm5.xlarge': { vcpu: 4, memoryGiB: 16 },
  'c5.large': { vcpu: 2, memoryGiB: 4 },
  'c5.xlarge': { vcpu: 4, memoryGiB: 8 },
  'r5.large': { vcpu: 2, memoryGiB: 16 },
} as const satisfies Record<string, { vcpu: number; memoryGiB: number }>;

export type InstanceTypeName = keyof typeof instanceTypes;

export function isInstanceType(name: string): name is InstanceTypeName {
  return Object.hasOwn(instanceTypes, name);
}

/** Ports the ECS agent reserves on every instance (SSH, Docker, the agent's own). */
export const reservedTcpPorts = [22, 2375, 2376, 51678, 51679];

/**
 * What an instance of `type` registers: 1024 CPU units per vCPU, and memory a little under
 * the nominal size (the OS and agent keep ~6 %: an m5.large's 8 GiB registers 7,680 MiB).
 */
export function registeredResourcesOf(type: InstanceTypeName): { cpu: number; memory: number } {
  const { vcpu, memoryGiB } = instanceTypes[type];
  return { cpu: vcpu * 1024, memory: Math.floor(memoryGiB * 1024 * 0.9375) };
}

/** The AMI the simulated instances report: the ECS-optimised Amazon Linux 2023 image. */
export const simulatedAmiId = 'ami-0a1b2c3d4e5f60718';
