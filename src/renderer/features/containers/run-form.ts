import {
  emptyRunSpec,
  runSpecSchema,
  type PortMapping,
  type RunSpec,
  type VolumeMount,
} from '../../../shared';
import { quoteWord, splitCommandLine } from '../../common/form/command-line';

export { splitCommandLine };

/** The run dialog's fields as typed: text where the user types, as the spec has it otherwise. */
export interface RunForm {
  image: string;
  name: string;
  cmd: string;
  entrypoint: string;
  env: { name: string; value: string }[];
  ports: PortMapping[];
  volumes: VolumeMount[];
  network: string;
  restartPolicy: RunSpec['restartPolicy'];
  maxRetries: string;
  cpus: string;
  memory: string;
  labels: { name: string; value: string }[];
  autoRemove: boolean;
  tty: boolean;
  interactive: boolean;
}

const joinWords = (words: readonly string[]) => words.map(quoteWord).join(' ');

const memoryUnits: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `512m`, `1g`, `1048576`: bytes, as docker run's --memory reads them; undefined if not one. */
export function parseMemory(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(text.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (memoryUnits[(match[2] ?? '').toLowerCase()] ?? 1));
}

export function formatMemory(bytes: number): string {
  if (bytes === 0) return '';
  for (const [unit, size] of [
    ['g', 1024 ** 3],
    ['m', 1024 ** 2],
    ['k', 1024],
  ] as const) {
    if (bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}

/** `KEY=value` lines as a .env file has them; blank lines and # comments are skipped. */
export function parseEnvFile(text: string): { name: string; value: string }[] {
  return text.split(/\r?\n/).flatMap((line) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) return [];
    const body = trimmed.replace(/^export\s+/, '');
    const equals = body.indexOf('=');
    const name = (equals < 0 ? body : body.slice(0, equals)).trim();
    let value = equals < 0 ? '' : body.slice(equals + 1).trim();
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    return [{ name, value }];
  });
}

export function formFromSpec(spec: RunSpec): RunForm {
  return {
    image: spec.image,
    name: spec.name,
    cmd: joinWords(spec.cmd),
    entrypoint: joinWords(spec.entrypoint),
    env: spec.env.map((variable) => ({ ...variable })),
    ports: spec.ports.map((port) => ({ ...port })),
    volumes: spec.volumes.map((volume) => ({ ...volume })),
    network: spec.network,
    restartPolicy: spec.restartPolicy,
    maxRetries: spec.maxRetries ? String(spec.maxRetries) : '',
    cpus: spec.cpus ? String(spec.cpus) : '',
    memory: formatMemory(spec.memoryBytes),
    labels: spec.labels.map((label) => ({ ...label })),
    autoRemove: spec.autoRemove,
    tty: spec.tty,
    interactive: spec.interactive,
  };
}

export const emptyRunForm: RunForm = formFromSpec(emptyRunSpec);

export interface FormCheck {
  /** Set only when every field is valid: what is sent. */
  spec: RunSpec | undefined;
  /** Messages by field path: `image`, `ports.0.hostPort`. */
  errors: ReadonlyMap<string, string>;
}

/** Checks the form with the contract's own schema, plus what only the form can get wrong. */
export function checkForm(form: RunForm): FormCheck {
  const errors = new Map<string, string>();
  const words = (field: 'cmd' | 'entrypoint') => {
    const split = splitCommandLine(form[field]);
    if (!split) errors.set(field, 'A quote is not closed.');
    return split ?? [];
  };
  const number = (field: 'cpus' | 'maxRetries', text: string, message: string) => {
    if (text.trim() === '') return 0;
    const value = Number(text);
    if (!Number.isFinite(value)) errors.set(field, message);
    return Number.isFinite(value) ? value : 0;
  };
  const memoryBytes = form.memory.trim() === '' ? 0 : parseMemory(form.memory);
  if (memoryBytes === undefined) errors.set('memoryBytes', 'Memory: a size such as 512m or 1g.');
  const candidate = {
    image: form.image.trim(),
    name: form.name.trim(),
    cmd: words('cmd'),
    entrypoint: words('entrypoint'),
    env: form.env,
    ports: form.ports,
    volumes: form.volumes,
    network: form.network,
    restartPolicy: form.restartPolicy,
    maxRetries: number('maxRetries', form.maxRetries, 'Retries: a whole number.'),
    cpus: number('cpus', form.cpus, 'CPUs: a number such as 0.5 or 2.'),
    memoryBytes: memoryBytes ?? 0,
    labels: form.labels,
    autoRemove: form.autoRemove,
    tty: form.tty,
    interactive: form.interactive,
  };
  const parsed = runSpecSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      if (!errors.has(path)) errors.set(path, issue.message);
    }
  }
  return { spec: parsed.success && errors.size === 0 ? parsed.data : undefined, errors };
}

/** The `docker run` command line that does what the form says, as the user could type it. */
export function dockerRunCommand(form: RunForm): string {
  const parts = ['docker', 'run', '-d'];
  const add = (...words: string[]) => parts.push(...words.map(quoteWord));
  if (form.interactive) parts.push('-i');
  if (form.tty) parts.push('-t');
  if (form.autoRemove) parts.push('--rm');
  if (form.name.trim()) add('--name', form.name.trim());
  for (const variable of form.env) add('-e', `${variable.name}=${variable.value}`);
  for (const port of form.ports) {
    const inside = `${port.containerPort}/${port.protocol}`.replace(/\/tcp$/, '');
    if (!port.hostPort) {
      add('--expose', inside);
      continue;
    }
    add('-p', [port.hostIp, port.hostPort, inside].filter(Boolean).join(':'));
  }
  for (const volume of form.volumes) {
    const source = volume.source ? `${volume.source}:` : '';
    add('-v', `${source}${volume.target}${volume.readOnly ? ':ro' : ''}`);
  }
  if (form.network.trim()) add('--network', form.network.trim());
  if (form.restartPolicy !== 'no') {
    const retries = form.restartPolicy === 'on-failure' && form.maxRetries.trim();
    add('--restart', retries ? `on-failure:${retries}` : form.restartPolicy);
  }
  if (form.cpus.trim()) add('--cpus', form.cpus.trim());
  if (form.memory.trim()) add('--memory', form.memory.trim());
  for (const label of form.labels) add('--label', `${label.name}=${label.value}`);
  const entrypoint = splitCommandLine(form.entrypoint) ?? [];
  // --entrypoint takes one word; the rest of it goes before the command's words.
  if (entrypoint.length > 0) add('--entrypoint', entrypoint[0] as string);
  if (form.image.trim()) add(form.image.trim());
  else parts.push('IMAGE');
  add(...entrypoint.slice(1), ...(splitCommandLine(form.cmd) ?? []));
  return parts.join(' ');
}
