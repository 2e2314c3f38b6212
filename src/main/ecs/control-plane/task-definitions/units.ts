import { EcsApiError } from '../core/ecs-api-error';

function clientError(message: string): never {
  throw new EcsApiError('ClientException', message);
}

/** Task-level cpu as CPU units: "1024", 1024, "1 vCPU", "0.5 vcpu". */
export function normaliseCpu(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  const vcpu = /^(\d+(?:\.\d+)?)\s*vcpu$/i.exec(text);
  const units = vcpu ? Number(vcpu[1]) * 1024 : /^\d+$/.test(text) ? Number(text) : NaN;
  if (
    !Number.isInteger(units) ||
    units <= 0 ||
    (typeof value !== 'string' && typeof value !== 'number')
  ) {
    clientError(
      "Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.",
    );
  }
  return String(units);
}

/** Task-level memory as MiB: "2048", 2048, "2 GB", "2GB", "512 MiB". */
export function normaliseMemory(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  const gb = /^(\d+(?:\.\d+)?)\s*(?:gb|gib)$/i.exec(text);
  const mb = /^(\d+)\s*(?:mb|mib)?$/i.exec(text);
  const mib = gb ? Number(gb[1]) * 1024 : mb ? Number(mb[1]) : NaN;
  if (
    !Number.isInteger(mib) ||
    mib <= 0 ||
    (typeof value !== 'string' && typeof value !== 'number')
  ) {
    clientError(
      "Invalid 'memory' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.",
    );
  }
  return String(mib);
}

/** The memory sizes (MiB) Fargate offers for each task cpu value. */
const fargateMemory: Record<number, number[]> = {
  256: [512, 1024, 2048],
  512: steps(1024, 4096, 1024),
  1024: steps(2048, 8192, 1024),
  2048: steps(4096, 16384, 1024),
  4096: steps(8192, 30720, 1024),
  8192: steps(16384, 61440, 4096),
  16384: steps(32768, 122880, 8192),
};

function steps(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let value = from; value <= to; value += step) values.push(value);
  return values;
}

export function isFargateConfiguration(cpu: string, memory: string): boolean {
  return fargateMemory[Number(cpu)]?.includes(Number(memory)) ?? false;
}
