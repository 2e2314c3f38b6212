import { EcsApiError } from './ecs-api-error';
import { isValidName } from './arns';

function invalid(message: string): never {
  throw new EcsApiError('InvalidParameterException', message);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'list' : typeof value;
}

/**
 * Reads the members of a request body the endpoint parsed but did not type: every accessor
 * checks the member's type and throws InvalidParameterException naming the member.
 */
export class Params {
  private constructor(
    private readonly raw: Record<string, unknown>,
    private readonly path: string,
  ) {}

  static of(input: unknown, path = ''): Params {
    if (input === undefined || input === null) return new Params({}, path);
    if (typeof input !== 'object' || Array.isArray(input)) {
      invalid(`Expected an object${path ? ` at '${path}'` : ''}, got ${describeValue(input)}.`);
    }
    return new Params(input as Record<string, unknown>, path);
  }

  private name(member: string): string {
    return this.path ? `${this.path}.${member}` : member;
  }

  has(member: string): boolean {
    return this.raw[member] !== undefined && this.raw[member] !== null;
  }

  value(member: string): unknown {
    return this.raw[member] ?? undefined;
  }

  private missing(member: string): never {
    invalid(
      `1 validation error detected: Value null at '${this.name(member)}' failed to satisfy constraint: Member must not be null`,
    );
  }

  private wrongType(member: string, expected: string): never {
    invalid(
      `Invalid type for parameter ${this.name(member)}: expected ${expected}, got ${describeValue(this.raw[member])}.`,
    );
  }

  string(member: string): string | undefined {
    const value = this.value(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') this.wrongType(member, 'a string');
    return value;
  }

  requiredString(member: string): string {
    return this.string(member) ?? this.missing(member);
  }

  /** A required string that is not empty (a cluster, task or instance reference). */
  requiredRef(member: string): string {
    const value = this.requiredString(member);
    if (value.trim() === '') invalid(`${this.name(member)} can not be blank.`);
    return value;
  }

  boolean(member: string): boolean | undefined {
    const value = this.value(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') this.wrongType(member, 'a boolean');
    return value;
  }

  integer(member: string, range?: { min: number; max: number }): number | undefined {
    const value = this.value(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) this.wrongType(member, 'an integer');
    if (range && (value < range.min || value > range.max)) {
      invalid(`${this.name(member)} must be between ${range.min} and ${range.max}.`);
    }
    return value;
  }

  /** `maxResults` of a List* operation: 1–100. */
  maxResults(): number | undefined {
    return this.integer('maxResults', { min: 1, max: 100 });
  }

  oneOf<T extends string>(member: string, values: readonly T[]): T | undefined {
    const value = this.string(member);
    if (value === undefined) return undefined;
    if (!values.includes(value as T)) {
      invalid(`${this.name(member)} must be one of ${values.join(', ')}.`);
    }
    return value as T;
  }

  list(member: string): unknown[] | undefined {
    const value = this.value(member);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) this.wrongType(member, 'a list');
    return value;
  }

  requiredList(member: string): unknown[] {
    return this.list(member) ?? this.missing(member);
  }

  stringList(member: string): string[] | undefined {
    const list = this.list(member);
    if (list === undefined) return undefined;
    list.forEach((item, index) => {
      if (typeof item !== 'string') {
        invalid(`Invalid type for parameter ${this.name(member)}[${index}]: expected a string.`);
      }
    });
    return list as string[];
  }

  requiredStringList(member: string): string[] {
    return this.stringList(member) ?? this.missing(member);
  }

  /** A list of objects, each read as Params. */
  objectList(member: string): Params[] | undefined {
    return this.list(member)?.map((item, index) =>
      Params.of(item, `${this.name(member)}[${index}]`),
    );
  }

  object(member: string): Params | undefined {
    const value = this.value(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) this.wrongType(member, 'an object');
    return Params.of(value, this.name(member));
  }

  /** The raw object, for members passed on as they are after their parts were checked. */
  get body(): Record<string, unknown> {
    return this.raw;
  }
}

/** A resource name: 1–255 letters, digits, hyphens and underscores. */
export function checkName(name: string, what: string): void {
  if (!isValidName(name)) {
    invalid(
      `${what} name should be between 1 and 255 characters long and can contain only letters (uppercase and lowercase), numbers, hyphens, and underscores.`,
    );
  }
}
