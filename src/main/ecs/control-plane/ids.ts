/** Identifiers drawn from the injected random source, so a seeded source gives repeatable ids. */
export type Random = () => number;

const hexCodes = [...'0123456789abcdef'].map((digit) => digit.charCodeAt(0));

/** One draw per digit. */
export function randomHex(random: Random, length: number): string {
  const codes = new Array<number>(length);
  for (let i = 0; i < length; i++) codes[i] = hexCodes[Math.floor(random() * 16)]!;
  return String.fromCharCode(...codes);
}

export function randomUuid(random: Random): string {
  const hex = randomHex(random, 32);
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
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
