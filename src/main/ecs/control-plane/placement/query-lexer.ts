/**
 * The tokenizer of the ECS cluster query language (`attribute:ecs.instance-type =~ t2.* and
 * not(task:group == database)`). Words are left for the parser to interpret by position, so a
 * value may be spelt like a keyword (`attribute:stack == in`).
 */

export type TokenKind =
  'word' | 'string' | 'symbol' | 'lparen' | 'rparen' | 'lbracket' | 'rbracket' | 'comma' | 'end';

export interface Token {
  kind: TokenKind;
  /** The value: a word's text, a string's unquoted content, a symbol's characters. */
  text: string;
  /** Offset of the first character in the expression. */
  start: number;
}

/** A malformed expression, with the offset where reading stopped. */
export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/** Longest first, so `!=` is not read as `!` then `=`. */
const symbols = ['!exists', '!in', '==', '!=', '>=', '<=', '=~', '!~', '&&', '||', '>', '<', '!'];
/** `!exists` and `!in` are operators only when a word does not go on (`!instance` is not). */
const wordLikeSymbols = new Set(['!exists', '!in']);
const punctuation: Record<string, TokenKind> = {
  '(': 'lparen',
  ')': 'rparen',
  '[': 'lbracket',
  ']': 'rbracket',
  ',': 'comma',
};
const wordStop = new Set([...Object.keys(punctuation), "'", '"', '=', '!', '<', '>', '&', '|']);
const patternOperators = new Set(['=~', '!~', 'matches', 'not_matches']);

const isSpace = (char: string): boolean =>
  char === ' ' || char === '\t' || char === '\n' || char === '\r';

export function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < expression.length) {
    const char = expression[at]!;
    if (isSpace(char)) {
      at++;
      continue;
    }
    const start = at;
    const previous = tokens[tokens.length - 1];
    const kind = punctuation[char];
    if (kind) {
      tokens.push({ kind, text: char, start });
      at++;
    } else if (char === "'" || char === '"') {
      const { text, end } = readString(expression, at);
      tokens.push({ kind: 'string', text, start });
      at = end;
    } else if (previous && previous.kind !== 'string' && patternOperators.has(previous.text)) {
      // A regular expression may hold `|`, `=` or balanced parentheses of its own.
      const end = readPattern(expression, at);
      tokens.push({ kind: 'word', text: expression.slice(at, end), start });
      at = end;
    } else {
      const symbol = symbols.find(
        (candidate) =>
          expression.startsWith(candidate, at) &&
          !(wordLikeSymbols.has(candidate) && continuesWord(expression[at + candidate.length])),
      );
      if (symbol) {
        tokens.push({ kind: 'symbol', text: symbol, start });
        at += symbol.length;
      } else if (wordStop.has(char)) {
        throw new QuerySyntaxError(`unexpected '${char}'`, start);
      } else {
        while (
          at < expression.length &&
          !isSpace(expression[at]!) &&
          !wordStop.has(expression[at]!)
        ) {
          at++;
        }
        tokens.push({ kind: 'word', text: expression.slice(start, at), start });
      }
    }
  }
  tokens.push({ kind: 'end', text: '', start: expression.length });
  return tokens;
}

function continuesWord(next: string | undefined): boolean {
  return next !== undefined && !isSpace(next) && !wordStop.has(next);
}

/**
 * A quoted value. A backslash before the quote or another backslash escapes it; any other
 * backslash stays, so a quoted pattern keeps its escapes (`'t2\..*'`).
 */
function readString(expression: string, open: number): { text: string; end: number } {
  const quote = expression[open];
  let text = '';
  for (let at = open + 1; at < expression.length; at++) {
    const char = expression[at]!;
    if (char === quote) return { text, end: at + 1 };
    const next = expression[at + 1];
    if (char === '\\' && (next === quote || next === '\\')) {
      text += next;
      at++;
    } else {
      text += char;
    }
  }
  throw new QuerySyntaxError(`unterminated string, a closing ${quote} is missing`, open);
}

/** Ends at a space or at a `)` that closes a parenthesis opened before the pattern. */
function readPattern(expression: string, start: number): number {
  let depth = 0;
  let at = start;
  for (; at < expression.length; at++) {
    const char = expression[at]!;
    if (char === '\\') {
      at++;
    } else if (char === '(') {
      depth++;
    } else if (char === ')') {
      if (depth === 0) break;
      depth--;
    } else if (isSpace(char) && depth === 0) {
      break;
    }
  }
  return Math.min(at, expression.length);
}
