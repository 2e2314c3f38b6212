/** Identifiers drawn from the injected random source, so a seeded source gives repeatable ids. */
export type Random = () => number;

const hexCodes = [...'0123456789abcdef'].map((digit) => digit.charCodeAt(0));

/** One draw per digit. */
export function randomHex(random: Random, length: number): string {
  const codes = new Array<number>(length);
  for (let i = 0; i < length; i++) codes[i] = hexCodes[Math.floor(random() * 16)]!;
  return String.fromCharCode(...codes);
}

const dash = '-'.charCodeAt(0);

/** A version 4 UUID from 32 draws (the version and variant digits take theirs too). */
export function randomUuid(random: Random): string {
  const codes = new Array<number>(36);
  let at = 0;
  for (let digit = 0; digit < 32; digit++) {
    if (digit === 8 || digit === 12 || digit === 16 || digit === 20) codes[at++] = dash;
    const value = Math.floor(random() * 16);
    codes[at++] =
      digit === 12
        ? hexCodes[4]!
        : digit === 16
          ? hexCodes[(value & 0x3) | 0x8]!
          : hexCodes[value]!;
  }
  return String.fromCharCode(...codes);
}

/** A small seeded generator (mulberry32) for tests and the simulation's default. */
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
