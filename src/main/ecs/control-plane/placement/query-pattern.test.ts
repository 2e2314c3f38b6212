import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { seededRandom, pick } from '../../../../../test/fuzz/generate';
import {
  maxQueryComparisons,
  maxQueryDepth,
  maxQueryPatternLength,
  maxQueryPatternSize,
} from '../core/limits';
import { evaluateQuery, type QueryTarget } from './query-evaluate';
import { QuerySyntaxError } from './query-lexer';
import { parseQuery } from './query-parser';
import { patternSize } from './query-pattern';
import { readQueryExpression } from './rules';

function target(attributes: Record<string, string>, groups: string[] = []): QueryTarget {
  return {
    ec2InstanceId: 'i-' + 'a'.repeat(40),
    agentConnected: true,
    registeredAt: 0,
    attributes,
    runningTasksCount: groups.length,
    someTaskGroup: (test) => groups.some(test),
  };
}

function refusal(expression: string): string {
  try {
    readQueryExpression(expression, 'memberOf');
  } catch (error) {
    if (error instanceof Error && error.name === 'InvalidParameterException') {
      return error.message;
    }
    throw error;
  }
  throw new Error(`'${expression}' was accepted`);
}

const forty = 'a'.repeat(40);

describe('patterns in linear time', () => {
  // Each of these backtracks for seconds to minutes in a backtracking engine on these values;
  // the test's own timeout is what would fail.
  it.each([
    [`attribute:stack =~ "(a+)+b"`, { stack: forty }, false],
    [`attribute:stack =~ "(a|aa)+$"`, { stack: forty + '!' }, false],
    [`attribute:stack =~ "(a|aa)+"`, { stack: forty }, true],
    [`ec2InstanceId =~ "(.*)*(.*)*(.*)*(.*)*Q"`, {}, false],
    [`attribute:stack =~ "((((((a*)*)*)*)*)*)*b"`, { stack: 'a'.repeat(128) }, false],
    [`attribute:stack =~ "(a*)*b" and attribute:stack =~ "(a?){40}a{40}"`, { stack: forty }, false],
  ])('%s', (expression, attributes, expected) => {
    expect(evaluateQuery(parseQuery(expression), target(attributes))).toBe(expected);
  });

  it('matches task groups in linear time too', () => {
    const groups = Array.from({ length: 200 }, (_, index) => `${'a'.repeat(200)}${index}`);
    const query = parseQuery('task:group =~ "(a+)+b"');
    expect(evaluateQuery(query, target({}, groups))).toBe(false);
  });

  it('still matches the whole value, as Java does', () => {
    const query = parseQuery('attribute:stack =~ "pro"');
    expect(evaluateQuery(query, target({ stack: 'prod' }))).toBe(false);
    expect(evaluateQuery(parseQuery('attribute:stack =~ "pro."'), target({ stack: 'prod' }))).toBe(
      true,
    );
  });
});

describe('patterns RE2 does not have are refused with InvalidParameterException', () => {
  it.each([
    ['(a)\\1', 'invalid escape sequence'],
    ['(?=a)a', 'invalid or unsupported Perl syntax'],
    ['(?!a)b', 'invalid or unsupported Perl syntax'],
    ['(?<=a)b', 'invalid named capture'],
    ['a{2}{3}', 'invalid nested repetition operator'],
    ['a{1001}', 'invalid repeat count'],
    ['((a{10}){10}){11}', 'invalid repeat count'],
    ['a**', 'invalid nested repetition operator'],
    ['t2.(', 'missing closing )'],
  ])('%s', (pattern, reason) => {
    const expression = `attribute:stack =~ "${pattern}"`;
    expect(refusal(expression)).toMatch(
      new RegExp(
        `^Invalid memberOf expression '.*': '.*' is not a valid regular expression \\(${RE2JS.quote(
          reason,
        )}.*\\) at character 20\\.$`,
      ),
    );
  });
});

describe('the size of an expression', () => {
  it.each(['a{1000}{1000}', '((a{100}){100}){100}', '(?:' + '.'.repeat(240) + '){1000}'])(
    'refuses %s before compiling it',
    (pattern) => {
      expect(refusal(`attribute:stack =~ "${pattern}"`)).toMatch(
        /: the regular expressions of the expression are too large once their repetitions are counted out at character 20\.$/,
      );
    },
  );

  it('takes a pattern up to the length limit and refuses one longer', () => {
    const at = 'a'.repeat(maxQueryPatternLength);
    expect(() => readQueryExpression(`attribute:stack =~ "${at}"`, 'memberOf')).not.toThrow();
    expect(refusal(`attribute:stack =~ "${at}a"`)).toBe(
      `Invalid memberOf expression 'attribute:stack =~ "${at}a"': a regular expression can ` +
        `have at most ${maxQueryPatternLength} characters at character 20.`,
    );
  });

  it("takes patterns up to the size limit and refuses more, counting every pattern's share", () => {
    // Each `.{1000}` counts 2004; with the base of its own pattern the rest fills the budget.
    const big = '.{1000}';
    const filler = (size: number) => 'a'.repeat(size / 2 - 1);
    const rest = maxQueryPatternSize - 2 * patternSize(big);
    expect(rest % 2).toBe(0);
    expect(patternSize(filler(rest))).toBe(rest);
    const atLimit = `attribute:a =~ "${big}" or attribute:b =~ "${big}" or attribute:c =~ "${filler(rest)}"`;
    expect(() => readQueryExpression(atLimit, 'memberOf')).not.toThrow();
    const over = atLimit.replace(/"a+"/, `"${filler(rest + 2)}"`);
    expect(refusal(over)).toMatch(
      /the regular expressions of the expression are too large once their repetitions are counted out at character \d+\.$/,
    );
  });

  it(`takes ${maxQueryComparisons} comparisons and refuses one more`, () => {
    const comparisons = (count: number) =>
      Array.from({ length: count }, (_, index) => `attribute:a${index} exists`).join(' or ');
    expect(() => readQueryExpression(comparisons(maxQueryComparisons), 'memberOf')).not.toThrow();
    expect(refusal(comparisons(maxQueryComparisons + 1))).toMatch(
      new RegExp(
        `the expression has more than ${maxQueryComparisons} comparisons at character \\d+\\.$`,
      ),
    );
  });

  it(`takes nesting ${maxQueryDepth} deep and refuses one more`, () => {
    const nested = (depth: number) => '('.repeat(depth) + 'attribute:a exists' + ')'.repeat(depth);
    expect(() => readQueryExpression(nested(maxQueryDepth), 'memberOf')).not.toThrow();
    expect(refusal(nested(maxQueryDepth + 1))).toMatch(
      new RegExp(`more than ${maxQueryDepth} deep at character ${maxQueryDepth + 1}\\.$`),
    );
    const nots = (depth: number) => 'not '.repeat(depth) + 'attribute:a exists';
    expect(() => readQueryExpression(nots(maxQueryDepth), 'memberOf')).not.toThrow();
    expect(() => parseQuery(nots(maxQueryDepth + 1))).toThrow(QuerySyntaxError);
  });
});

describe('patternSize', () => {
  const atoms = ['a', '.', '\\d', '\\pL', '\\p{Greek}', '[a-z]', '[^]x]', '[[:alpha:]]', '\\x{41}'];
  const operators = ['', '*', '+', '?', '{3}', '{2,5}', '{4,}', '{0}', '*?'];

  it('never counts fewer instructions than the engine compiles', () => {
    const random = seededRandom(16);
    const piece = (depth: number): string => {
      const roll = random();
      if (depth < 3 && roll < 0.25) {
        const inner = Array.from({ length: 1 + Math.floor(random() * 3) }, () => piece(depth + 1));
        return `${pick(random, ['(', '(?:', '(?i:'])}${inner.join(pick(random, ['', '|']))})${pick(random, operators)}`;
      }
      return pick(random, atoms) + pick(random, operators);
    };
    let compared = 0;
    for (let index = 0; index < 2000; index++) {
      const pattern = Array.from({ length: 1 + Math.floor(random() * 4) }, () => piece(0)).join('');
      let compiled: RE2JS;
      try {
        compiled = RE2JS.compile(pattern);
      } catch {
        continue;
      }
      compared++;
      expect(patternSize(pattern), pattern).toBeGreaterThanOrEqual(compiled.programSize());
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('counts a counted repetition out', () => {
    expect(patternSize('.{1000}')).toBe(2004);
    expect(patternSize('(?:..........){100}')).toBeGreaterThan(2000);
    expect(patternSize('\\Qa{1000}\\E')).toBe(2 + 2 * 11);
  });
});
