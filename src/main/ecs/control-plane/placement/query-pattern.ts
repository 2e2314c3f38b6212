/**
 * The regular expressions of the cluster query language (`attribute:stack =~ "prod-.*"`),
 * compiled by a linear-time engine with RE2's semantics: a request cannot choose a pattern
 * that backtracks for minutes (`(a+)+b`), and what RE2 does not have (back-references,
 * lookarounds) is refused when the expression is read, whether from a request or from a
 * stored task definition.
 */
import { RE2JS } from 're2js';
import { maxQueryPatternLength } from '../core/limits';

/** A compiled pattern: whether a value matches it whole, as Java's `String.matches`. */
export interface PatternMatcher {
  test(value: string): boolean;
}

/** Values remembered per pattern: task groups and attribute values repeat across instances. */
const rememberedResults = 256;
/** What an atom costs in {@link patternSize}: at most two instructions. */
const atomSize = 2;

/**
 * The pattern compiled, or the reason it is refused. `budget` is what the expression's
 * patterns may still cost (see {@link patternSize}); the caller subtracts `size`.
 */
export function compilePattern(
  source: string,
  budget: number,
): { matcher: PatternMatcher; size: number } | { refused: string } {
  if (source.length > maxQueryPatternLength) {
    return {
      refused: `a regular expression can have at most ${maxQueryPatternLength} characters`,
    };
  }
  const size = patternSize(source);
  if (size > budget) {
    return {
      refused:
        'the regular expressions of the expression are too large once their repetitions are ' +
        'counted out',
    };
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source);
  } catch (error) {
    const reason =
      error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : '';
    return { refused: `'${source}' is not a valid regular expression (${reason})` };
  }
  const results = new Map<string, boolean>();
  return {
    size,
    matcher: {
      test(value) {
        const known = results.get(value);
        if (known !== undefined) return known;
        const result = compiled.matches(value);
        if (results.size >= rememberedResults) results.clear();
        results.set(value, result);
        return result;
      },
    },
  };
}

/**
 * An upper bound of the engine's program (its instructions) for a pattern, read without
 * compiling it, since compiling is what costs: every atom, operator and group counts two, a
 * counted repetition `{n,m}` its operand m times. Anything the scan reads differently from
 * RE2 only makes the bound larger, or RE2 refuses the pattern.
 */
export function patternSize(pattern: string): number {
  const groups: number[] = [atomSize];
  let operand = 0;
  let at = 0;
  const add = (size: number) => {
    groups[groups.length - 1]! += size;
    operand = size;
  };
  while (at < pattern.length) {
    const char = pattern[at]!;
    if (char === '\\') {
      const end = escapeEnd(pattern, at);
      add(atomSize * (pattern[at + 1] === 'Q' ? end - at : 1));
      at = end;
    } else if (char === '[') {
      at = classEnd(pattern, at);
      add(atomSize);
    } else if (char === '(') {
      groups.push(0);
      at++;
    } else if (char === ')') {
      const inner = groups.length > 1 ? groups.pop()! : 0;
      add(inner + atomSize);
      at++;
    } else if (char === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(at, at + 24))) {
      const repeat = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at, at + 24))!;
      const least = Number(repeat[1]);
      const most = repeat[2] === undefined ? least : repeat[3] ? Number(repeat[3]) : least + 1;
      const count = Math.min(Math.max(least, most), 1_000_000);
      groups[groups.length - 1]! += operand * (count - 1) + atomSize;
      operand *= count;
      at += repeat[0].length;
    } else {
      add(atomSize);
      at++;
    }
  }
  return groups.reduce((sum, size) => sum + size, 0);
}

/** After `\x`, `\x{…}`, `\p{…}`, `\pL` or `\Q…\E`. */
function escapeEnd(pattern: string, at: number): number {
  const kind = pattern[at + 1];
  if (kind === 'Q') {
    const end = pattern.indexOf('\\E', at + 2);
    return end === -1 ? pattern.length : end + 2;
  }
  if ((kind === 'x' || kind === 'p' || kind === 'P') && pattern[at + 2] === '{') {
    const end = pattern.indexOf('}', at + 3);
    return end === -1 ? pattern.length : end + 1;
  }
  if (kind === 'p' || kind === 'P') return Math.min(at + 3, pattern.length);
  return Math.min(at + 2, pattern.length);
}

/** After the `]` that closes the class opened at `at` (a `]` first in it is a member). */
function classEnd(pattern: string, at: number): number {
  let index = at + 1;
  if (pattern[index] === '^') index++;
  if (pattern[index] === ']') index++;
  while (index < pattern.length) {
    const char = pattern[index]!;
    if (char === ']') return index + 1;
    if (char === '\\') index = escapeEnd(pattern, index);
    else if (pattern.startsWith('[:', index)) {
      const end = pattern.indexOf(':]', index + 2);
      index = end === -1 ? index + 1 : end + 2;
    } else index++;
  }
  return pattern.length;
}
