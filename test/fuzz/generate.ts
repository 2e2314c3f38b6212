import type { z } from 'zod';

/**
 * Inputs for the fuzz suites: a seeded random source (FUZZ_SEED reproduces a run) and values
 * derived from the contract's zod schemas — valid ones, boundary ones and wrong ones — plus
 * junk no schema would produce.
 */

export type Random = () => number;

/** mulberry32: small, fast and good enough to pick test inputs. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fuzzSeed(): number {
  const fromEnv = Number(process.env.FUZZ_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.floor(Math.random() * 2 ** 31);
}

export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

const nastyStrings = [
  '',
  ' ',
  '\0',
  'a\0b',
  '__proto__',
  'constructor',
  'prototype',
  '../../etc/passwd',
  '%',
  '%E0%A4%A',
  '\ud800',
  '\udfff\ud800',
  '🚢'.repeat(50),
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  'Robert"); DROP TABLE images;--',
  '\r\n\r\nHTTP/1.1 200 OK',
];

/** The fuzz run's own tag: a valid `images.remove` may untag it, never a shared fixture. */
export const fuzzTargetImage = 'stowage-test/fuzz-target:1.0';

/**
 * The fuzz run's own name for containers, volumes and networks: valid everywhere, so valid
 * creates and removes happen, but only ever on what the fuzz itself made. The run removes
 * whatever carries it at the end.
 */
export const fuzzTargetName = 'stowage-fuzz-target';

const plausibleStrings = [
  fuzzTargetName,
  fuzzTargetImage,
  'stowage-test/absent:1',
  'localhost:5000/team/app:1.0',
  `sha256:${'a'.repeat(64)}`,
  `${fuzzTargetName}-2`,
  // Paths, addresses and ids of the shapes some calls take.
  '/',
  '/tmp/stowage-fuzz-absent',
  '10.99.0.0/24',
  '10.99.0.1',
  '00000000-0000-0000-0000-000000000000',
  '127.0.0.1:9',
  'team/app',
  'latest',
  '8080',
];

const nastyNumbers = [
  0,
  -0,
  -1,
  1,
  0.5,
  -0.5,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

export function randomString(random: Random, maxLength = 64): string {
  if (random() < 0.3) return pick(random, nastyStrings);
  const length = Math.floor(random() * maxLength);
  let text = '';
  for (let i = 0; i < length; i++) {
    const roll = random();
    text +=
      roll < 0.8
        ? String.fromCharCode(32 + Math.floor(random() * 95))
        : String.fromCodePoint(Math.floor(random() * 0x10ffff));
  }
  return text;
}

/** Any JSON value, sometimes big or deep. */
export function junk(random: Random, depth = 0): unknown {
  const roll = random();
  if (depth > 3 || roll < 0.2) {
    return pick(random, [null, true, false, randomString(random), pick(random, nastyNumbers)]);
  }
  if (roll < 0.5) {
    return Array.from({ length: Math.floor(random() * 5) }, () => junk(random, depth + 1));
  }
  const value: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 5); i > 0; i--) {
    value[randomString(random, 12)] = junk(random, depth + 1);
  }
  return value;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  checks?: { _zod: { def: { check?: string; value?: number; format?: string } } }[];
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * A value for `schema`: usually one that fits, often one at or just past a boundary, and now
 * and then something of the wrong kind entirely.
 */
const plausibleBySchema = new WeakMap<z.ZodType, string[]>();

/** The plausible strings a string schema accepts. */
function plausibleFor(schema: z.ZodType): string[] {
  let fitting = plausibleBySchema.get(schema);
  if (!fitting) {
    fitting = plausibleStrings.filter((value) => schema.safeParse(value).success);
    plausibleBySchema.set(schema, fitting);
  }
  return fitting;
}

/**
 * An input for a call or stream: mostly hostile, and a fifth of the time tidy (no junk,
 * every required member, values the schema's checks allow where the generator knows some), so
 * that calls with many members get through validation too.
 */
export function inputFor(schema: z.ZodType, random: Random): unknown {
  return valueFor(schema, random, 0, random() < 0.2);
}

export function valueFor(schema: z.ZodType, random: Random, depth = 0, tidy = false): unknown {
  if (!tidy && (random() < 0.08 || depth > 6)) return junk(random);
  const def = defOf(schema);
  const inner = (next: z.ZodType) => valueFor(next, random, depth + 1, tidy);
  switch (def.type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        if (tidy || random() < 0.9) value[key] = inner(field);
      }
      if (!tidy && random() < 0.1) value[randomString(random, 10)] = junk(random);
      return value;
    }
    case 'array': {
      const length = tidy
        ? Math.floor(random() * 2)
        : random() < 0.1
          ? 100 + Math.floor(random() * 1000)
          : Math.floor(random() * 4);
      return Array.from({ length }, () => inner(def.element as z.ZodType));
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      if (random() < (tidy ? 0.5 : 0.2)) return def.type === 'nullable' ? null : undefined;
      return inner(def.innerType as z.ZodType);
    case 'union':
      return inner(pick(random, def.options ?? []));
    case 'enum':
      return tidy || random() < 0.85
        ? pick(random, Object.values(def.entries ?? {}))
        : randomString(random);
    case 'literal':
      return tidy || random() < 0.85 ? pick(random, def.values ?? []) : randomString(random);
    case 'record': {
      const value: Record<string, unknown> = {};
      for (let i = Math.floor(random() * (tidy ? 2 : 4)); i > 0; i--) {
        const key = tidy ? `KEY_${i}` : randomString(random, 16);
        value[key] = inner(def.valueType as z.ZodType);
      }
      return value;
    }
    case 'string': {
      // Strings with a format (image references, ids, paths) are rarely hit by chance: offer
      // the plausible values this schema takes, so calls get valid inputs too.
      const fitting = plausibleFor(schema);
      if (tidy) return fitting.length > 0 ? pick(random, fitting) : 'stowage-fuzz';
      const roll = random();
      if (roll < 0.05) return 'x'.repeat(65_536);
      if (roll < 0.5 && fitting.length > 0) return pick(random, fitting);
      if (roll < 0.6) return pick(random, plausibleStrings);
      return randomString(random);
    }
    case 'number':
    case 'int':
      return tidy ? tidyNumberFor(def, random) : numberFor(def, random);
    case 'boolean':
      return tidy || random() < 0.9 ? random() < 0.5 : pick(random, ['true', 0, 1, null]);
    default:
      return tidy ? undefined : junk(random);
  }
}

/** A number the schema's bounds allow: one of its bounds, else a small whole number. */
function tidyNumberFor(def: Def, random: Random): number {
  const bounds = (def.checks ?? [])
    .map((check) => check._zod.def.value)
    .filter((value): value is number => Number.isFinite(value));
  if (bounds.length > 0) return pick(random, bounds);
  return random() < 0.5 ? 0 : 1 + Math.floor(random() * 8);
}

function numberFor(def: Def, random: Random): unknown {
  const bounds = (def.checks ?? []).map((check) => check._zod.def.value).filter(Number.isFinite);
  const near = bounds.flatMap((bound) => [
    bound as number,
    (bound as number) - 1,
    (bound as number) + 1,
  ]);
  const roll = random();
  if (roll < 0.4 && near.length > 0) return pick(random, near);
  if (roll < 0.8) return pick(random, nastyNumbers);
  return random() < 0.5 ? Math.floor(random() * 1000) : String(Math.floor(random() * 1000));
}
