/**
 * A recursive-descent parser for the cluster query language, after the Developer Guide's
 * "Cluster query language" page:
 *
 *   expression := or
 *   or         := and (('or' | '||') and)*
 *   and        := unary (('and' | '&&') unary)*
 *   unary      := ('not' | '!') unary | '(' or ')' | comparison
 *   comparison := subject operator [argument]
 *   argument   := value | '[' value (',' value)* ']'
 *
 * Arguments are converted once, here (dates, numbers, versions, regular expressions), so
 * evaluating a parsed expression against many instances does no string work beyond the
 * comparisons themselves.
 */
import { maxQueryComparisons, maxQueryDepth, maxQueryPatternSize } from '../core/limits';
import { QuerySyntaxError, tokenize, type Token } from './query-lexer';
import { compilePattern, type PatternMatcher } from './query-pattern';

export type FieldName =
  'agentConnected' | 'agentVersion' | 'ec2InstanceId' | 'registeredAt' | 'runningTasksCount';

export type Subject =
  { kind: 'attribute'; name: string } | { kind: 'taskGroup' } | { kind: 'field'; name: FieldName };

export type Operator =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'ge'
  | 'lt'
  | 'le'
  | 'exists'
  | 'notExists'
  | 'in'
  | 'notIn'
  | 'matches'
  | 'notMatches';

/** A literal as the subject compares it. */
export type Operand =
  | { kind: 'none' }
  | { kind: 'text'; values: string[] }
  | { kind: 'pattern'; source: string; regex: PatternMatcher }
  /** An instant written to the second or the day: the half-open range [from, to). */
  | { kind: 'time'; from: number; to: number }
  | { kind: 'number'; value: number }
  | { kind: 'version'; parts: number[] };

export type QueryNode =
  | { kind: 'or' | 'and'; left: QueryNode; right: QueryNode }
  | { kind: 'not'; operand: QueryNode }
  | { kind: 'compare'; subject: Subject; operator: Operator; operand: Operand };

const operatorSpellings: Record<string, Operator> = {
  '==': 'eq',
  equals: 'eq',
  '!=': 'ne',
  not_equals: 'ne',
  '>': 'gt',
  greater_than: 'gt',
  '>=': 'ge',
  greater_than_equal: 'ge',
  '<': 'lt',
  less_than: 'lt',
  '<=': 'le',
  less_than_equal: 'le',
  exists: 'exists',
  '!exists': 'notExists',
  not_exists: 'notExists',
  in: 'in',
  '!in': 'notIn',
  not_in: 'notIn',
  '=~': 'matches',
  matches: 'matches',
  '!~': 'notMatches',
  not_matches: 'notMatches',
};

const ordering: Operator[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
const membership: Operator[] = ['eq', 'ne', 'in', 'notIn', 'matches', 'notMatches'];

/** The operators each subject takes, as the Developer Guide lists them. */
const operatorsOf: Record<Subject['kind'] | FieldName, readonly Operator[]> = {
  attribute: Object.values(operatorSpellings),
  taskGroup: membership,
  field: [],
  agentConnected: membership,
  agentVersion: ordering,
  ec2InstanceId: membership,
  registeredAt: ordering,
  runningTasksCount: ordering,
};

const fieldNames: readonly FieldName[] = [
  'agentConnected',
  'agentVersion',
  'ec2InstanceId',
  'registeredAt',
  'runningTasksCount',
];
const subjectList = 'attribute:<name>, task:group, ' + fieldNames.join(', ');

const cache = new Map<string, QueryNode>();
const cacheLimit = 512;

/**
 * Parses an expression, memoised: the scheduler places with the same few expressions over and
 * over. Throws {@link QuerySyntaxError} with the offset where the expression goes wrong.
 */
export function parseQuery(expression: string): QueryNode {
  const cached = cache.get(expression);
  if (cached) return cached;
  const parsed = new Parser(expression).parse();
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(expression, parsed);
  return parsed;
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  private comparisons = 0;
  private depth = 0;
  /** What the expression's regular expressions may still cost, see `patternSize`. */
  private patternBudget = maxQueryPatternSize;

  constructor(expression: string) {
    this.tokens = tokenize(expression);
  }

  parse(): QueryNode {
    if (this.peek().kind === 'end') throw new QuerySyntaxError('the expression is empty', 0);
    const node = this.parseOr();
    const rest = this.peek();
    if (rest.kind === 'rparen') throw this.error(rest, "unexpected ')' without a matching '('");
    if (rest.kind !== 'end') {
      throw this.error(rest, `expected 'and' or 'or' before ${describe(rest)}`);
    }
    return node;
  }

  private parseOr(): QueryNode {
    let left = this.parseAnd();
    while (this.takeKeyword('or', '||')) left = { kind: 'or', left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): QueryNode {
    let left = this.parseUnary();
    while (this.takeKeyword('and', '&&')) left = { kind: 'and', left, right: this.parseUnary() };
    return left;
  }

  private parseUnary(): QueryNode {
    const token = this.peek();
    if (this.takeKeyword('not', '!')) {
      this.enter(token);
      const operand = this.parseUnary();
      this.depth--;
      return { kind: 'not', operand };
    }
    if (token.kind === 'lparen') {
      this.index++;
      this.enter(token);
      const inner = this.parseOr();
      this.depth--;
      const close = this.peek();
      if (close.kind !== 'rparen') {
        throw this.error(
          close,
          `expected ')' to close the '(' at character ${token.start + 1}, found ${describe(close)}`,
        );
      }
      this.index++;
      return inner;
    }
    return this.parseComparison();
  }

  /** Counts one level of nesting; recursion and evaluation go only so deep. */
  private enter(token: Token): void {
    if (++this.depth > maxQueryDepth) {
      throw this.error(
        token,
        `the expression nests parentheses and 'not' more than ${maxQueryDepth} deep`,
      );
    }
  }

  private parseComparison(): QueryNode {
    const subjectToken = this.next();
    if (++this.comparisons > maxQueryComparisons) {
      throw this.error(
        subjectToken,
        `the expression has more than ${maxQueryComparisons} comparisons`,
      );
    }
    const subject = this.parseSubject(subjectToken);
    const operatorToken = this.next();
    const operator =
      operatorToken.kind === 'word' || operatorToken.kind === 'symbol'
        ? operatorSpellings[operatorToken.text]
        : undefined;
    if (!operator) {
      throw this.error(
        operatorToken,
        `expected an operator after '${subjectToken.text}', found ${describe(operatorToken)}`,
      );
    }
    const subjectName = subject.kind === 'field' ? subject.name : subject.kind;
    if (!operatorsOf[subjectName].includes(operator)) {
      throw this.error(
        operatorToken,
        `'${operatorToken.text}' is not an operator of ${subjectToken.text}`,
      );
    }
    return { kind: 'compare', subject, operator, operand: this.parseOperand(subject, operator) };
  }

  private parseSubject(token: Token): Subject {
    if (token.kind !== 'word') {
      throw this.error(token, `expected a subject (${subjectList}), found ${describe(token)}`);
    }
    if (token.text === 'task:group') return { kind: 'taskGroup' };
    if (token.text.startsWith('attribute:')) {
      const name = token.text.slice('attribute:'.length);
      if (name === '') throw this.error(token, "an attribute name must follow 'attribute:'");
      return { kind: 'attribute', name };
    }
    const field = fieldNames.find((name) => name === token.text);
    if (field) return { kind: 'field', name: field };
    throw this.error(token, `unknown subject '${token.text}' (subjects: ${subjectList})`);
  }

  private parseOperand(subject: Subject, operator: Operator): Operand {
    if (operator === 'exists' || operator === 'notExists') return { kind: 'none' };
    if (operator === 'in' || operator === 'notIn')
      return { kind: 'text', values: this.parseList() };
    const token = this.next();
    if (token.kind !== 'word' && token.kind !== 'string') {
      throw this.error(token, `expected a value, found ${describe(token)}`);
    }
    if (operator === 'matches' || operator === 'notMatches') return this.toPattern(token);
    const field = subject.kind === 'field' ? subject.name : undefined;
    if (field === 'registeredAt') return this.toTime(token);
    if (field === 'runningTasksCount') {
      if (!/^\d+$/.test(token.text)) {
        throw this.error(
          token,
          `runningTasksCount compares with a whole number, not '${token.text}'`,
        );
      }
      return { kind: 'number', value: Number(token.text) };
    }
    if (field === 'agentVersion') {
      if (!/^\d+(\.\d+)*$/.test(token.text)) {
        throw this.error(token, `'${token.text}' is not an agent version such as 1.14.5`);
      }
      return { kind: 'version', parts: token.text.split('.').map(Number) };
    }
    return { kind: 'text', values: [token.text] };
  }

  private parseList(): string[] {
    const open = this.next();
    if (open.kind !== 'lbracket') {
      throw this.error(open, `expected an argument list such as [a, b], found ${describe(open)}`);
    }
    const values: string[] = [];
    for (;;) {
      const value = this.next();
      if (value.kind !== 'word' && value.kind !== 'string') {
        throw this.error(value, `expected a value in the list, found ${describe(value)}`);
      }
      values.push(value.text);
      const separator = this.next();
      if (separator.kind === 'rbracket') return values;
      if (separator.kind !== 'comma') {
        throw this.error(
          separator,
          `expected ',' or ']' in the list, found ${describe(separator)}`,
        );
      }
    }
  }

  /** Java's `String.matches`, in linear time: the pattern must match the whole value. */
  private toPattern(token: Token): Operand {
    const compiled = compilePattern(token.text, this.patternBudget);
    if ('refused' in compiled) throw this.error(token, compiled.refused);
    this.patternBudget -= compiled.size;
    return { kind: 'pattern', source: token.text, regex: compiled.matcher };
  }

  private toTime(token: Token): Operand {
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})?)?$/.exec(
      token.text,
    );
    const from = match ? Date.parse(withZone(token.text, match)) : NaN;
    if (!match || Number.isNaN(from)) {
      throw this.error(
        token,
        `'${token.text}' is not a date (formats: 2018-06-18T22:28:28+00:00, ` +
          '2018-06-18T22:28:28Z, 2018-06-18T22:28:28, 2018-06-18)',
      );
    }
    return { kind: 'time', from, to: from + (match[4] === undefined ? 86_400_000 : 1000) };
  }

  private takeKeyword(word: string, symbol: string): boolean {
    const token = this.peek();
    const matches =
      (token.kind === 'word' && token.text === word) ||
      (token.kind === 'symbol' && token.text === symbol);
    if (matches) this.index++;
    return matches;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private error(token: Token, message: string): QuerySyntaxError {
    return new QuerySyntaxError(message, token.start);
  }
}

/** Times without a zone are UTC, as ECS reads them. */
function withZone(text: string, match: RegExpExecArray): string {
  if (match[4] === undefined) return `${text}T00:00:00Z`;
  return match[7] === undefined ? `${text}Z` : text;
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the expression';
  return token.kind === 'string' ? `'${token.text}' (quoted)` : `'${token.text}'`;
}
