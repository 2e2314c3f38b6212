import { describe, expect, it } from 'vitest';
import { evaluateQuery, type QueryTarget } from './query-evaluate';
import { QuerySyntaxError, tokenize } from './query-lexer';
import { parseQuery } from './query-parser';

function target(overrides: Partial<QueryTarget> & { groups?: string[] } = {}): QueryTarget {
  const { groups = [], ...rest } = overrides;
  return {
    ec2InstanceId: 'i-abcd1234',
    agentConnected: true,
    agentVersion: '1.51.0',
    registeredAt: Date.parse('2018-06-18T22:28:28Z'),
    attributes: {
      'ecs.instance-type': 't2.small',
      'ecs.availability-zone': 'us-east-1a',
      stack: 'prod',
      cores: '8',
      gpu: '',
    },
    runningTasksCount: groups.length,
    someTaskGroup: (test) => groups.some(test),
    ...rest,
  };
}

const matches = (expression: string, on: QueryTarget = target()) =>
  evaluateQuery(parseQuery(expression), on);

function syntaxError(expression: string): QuerySyntaxError {
  try {
    parseQuery(expression);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`'${expression}' parsed`);
}

describe('tokenizer', () => {
  it('reads subjects, symbols, lists and quoted values', () => {
    expect(tokenize('ec2InstanceId in [\'i-1\', "i-2"]').map((t) => [t.kind, t.text])).toEqual([
      ['word', 'ec2InstanceId'],
      ['word', 'in'],
      ['lbracket', '['],
      ['string', 'i-1'],
      ['comma', ','],
      ['string', 'i-2'],
      ['rbracket', ']'],
      ['end', ''],
    ]);
  });

  it('splits operators written without spaces, longest first', () => {
    expect(tokenize('attribute:stack!=prod&&!(x)').map((t) => t.text)).toEqual([
      'attribute:stack',
      '!=',
      'prod',
      '&&',
      '!',
      '(',
      'x',
      ')',
      '',
    ]);
  });

  it('reads a pattern with its own parentheses and bars as one value', () => {
    const tokens = tokenize('(attribute:ecs.instance-type =~ t2.(micro|small)) or x');
    expect(tokens.map((t) => t.text)).toEqual([
      '(',
      'attribute:ecs.instance-type',
      '=~',
      't2.(micro|small)',
      ')',
      'or',
      'x',
      '',
    ]);
  });

  it('unescapes only quotes and backslashes in a quoted value', () => {
    expect(tokenize(String.raw`'it\'s' 't2\..*' 'a\\b'`).map((t) => t.text)).toEqual([
      "it's",
      't2\\..*',
      'a\\b',
      '',
    ]);
    expect(matches(String.raw`attribute:ecs.instance-type =~ 't2\..*'`)).toBe(true);
    expect(matches(String.raw`attribute:ecs.instance-type =~ 't2\.x.*'`)).toBe(false);
  });

  it('records where each token starts', () => {
    expect(tokenize('a ==  b').map((t) => t.start)).toEqual([0, 2, 6, 7]);
  });
});

describe('comparisons', () => {
  it.each([
    ['attribute:ecs.instance-type == t2.small', true],
    ['attribute:ecs.instance-type equals t2.micro', false],
    ['attribute:stack != dev', true],
    ['attribute:stack not_equals prod', false],
    ['attribute:cores > 4', true],
    ['attribute:cores greater_than 8', false],
    ['attribute:cores >= 8', true],
    ['attribute:cores < 10', true],
    ['attribute:cores <= 7', false],
    ['attribute:stack > dev', true],
    ['attribute:gpu exists', true],
    ['attribute:missing exists', false],
    ['attribute:missing !exists', true],
    ['attribute:stack not_exists', false],
    ['attribute:ecs.availability-zone in [us-east-1a, us-east-1b]', true],
    ['attribute:ecs.availability-zone in [us-east-1c]', false],
    ['attribute:ecs.availability-zone !in [us-east-1b, us-east-1c]', true],
    ['attribute:ecs.availability-zone not_in [us-east-1a]', false],
    ['attribute:ecs.instance-type =~ t2.*', true],
    ['attribute:ecs.instance-type matches m5.*', false],
    ['attribute:ecs.instance-type !~ g2.*', true],
    ['attribute:ecs.instance-type not_matches t2\\..*', false],
    ["attribute:ecs.instance-type == 't2.small'", true],
  ])('%s is %s', (expression, expected) => {
    expect(matches(expression)).toBe(expected);
  });

  it('matches a pattern against the whole value, as Java does', () => {
    expect(matches('attribute:ecs.instance-type =~ t2')).toBe(false);
    expect(matches('attribute:ecs.instance-type =~ t2.(micro|small)')).toBe(true);
  });

  it('is false for an attribute the instance lacks, whatever the operator but !exists', () => {
    for (const operator of ['== x', '!= x', '> 1', 'in [x]', '!in [x]', '=~ .*', '!~ x']) {
      expect(matches(`attribute:missing ${operator}`)).toBe(false);
    }
  });

  it('compares ec2InstanceId, agentConnected and runningTasksCount', () => {
    expect(matches("ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']")).toBe(true);
    expect(matches('ec2InstanceId =~ i-ab.*')).toBe(true);
    expect(matches('agentConnected == true')).toBe(true);
    expect(matches('agentConnected == true', target({ agentConnected: false }))).toBe(false);
    expect(matches('runningTasksCount == 1', target({ groups: ['a'] }))).toBe(true);
    expect(matches('runningTasksCount < 1', target({ groups: ['a'] }))).toBe(false);
  });

  it('compares agent versions part by part', () => {
    expect(matches('agentVersion < 1.14.5', target({ agentVersion: '1.9.0' }))).toBe(true);
    expect(matches('agentVersion >= 1.14.5', target({ agentVersion: '1.14.5' }))).toBe(true);
    expect(matches('agentVersion > 1.14', target({ agentVersion: '1.14.0' }))).toBe(false);
    expect(matches('agentVersion == 1.0', target({ agentVersion: undefined }))).toBe(false);
  });

  it('reads registeredAt in the four documented formats, a date meaning the whole day', () => {
    const at = target({ registeredAt: Date.parse('2018-06-18T22:28:28Z') });
    expect(matches('registeredAt == 2018-06-18', at)).toBe(true);
    expect(matches('registeredAt < 2018-06-18', at)).toBe(false);
    expect(matches('registeredAt <= 2018-06-18', at)).toBe(true);
    expect(matches('registeredAt > 2018-06-17', at)).toBe(true);
    expect(matches('registeredAt > 2018-06-18', at)).toBe(false);
    expect(matches('registeredAt == 2018-06-18T22:28:28Z', at)).toBe(true);
    expect(matches('registeredAt == 2018-06-18T22:28:28', at)).toBe(true);
    expect(matches('registeredAt == 2018-06-19T00:28:28+02:00', at)).toBe(true);
    expect(matches('registeredAt >= 2018-06-18T22:28:29Z', at)).toBe(false);
    expect(matches('registeredAt != 2018-02-13', at)).toBe(true);
  });

  it('treats the range a date names as half-open, midnight to midnight', () => {
    const midnight = target({ registeredAt: Date.parse('2018-06-18T00:00:00Z') });
    expect(matches('registeredAt == 2018-06-18', midnight)).toBe(true);
    expect(matches('registeredAt == 2018-06-17', midnight)).toBe(false);
    expect(matches('registeredAt <= 2018-06-17', midnight)).toBe(false);
    expect(matches('registeredAt > 2018-06-17', midnight)).toBe(true);
    expect(matches('registeredAt < 2018-06-18', midnight)).toBe(false);
    expect(matches('registeredAt >= 2018-06-18', midnight)).toBe(true);
  });

  it('asks task:group of every task on the instance', () => {
    const busy = target({ groups: ['service:production', 'family:batch'] });
    expect(matches('task:group == service:production', busy)).toBe(true);
    expect(matches('task:group == database', busy)).toBe(false);
    expect(matches('task:group in [database, family:batch]', busy)).toBe(true);
    expect(matches('task:group =~ service:.*', busy)).toBe(true);
    expect(matches('task:group != database', busy)).toBe(true);
    expect(matches('task:group != family:batch', busy)).toBe(false);
    expect(matches('not(task:group == database)', busy)).toBe(true);
    expect(matches('not(task:group == database)', target({ groups: ['database'] }))).toBe(false);
  });
});

describe('compound expressions', () => {
  it('combines with and, or and not in either spelling', () => {
    expect(
      matches(
        'attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone != us-east-1d',
      ),
    ).toBe(true);
    expect(matches('attribute:stack == dev && attribute:cores > 1')).toBe(false);
    expect(matches('attribute:stack == dev || attribute:cores > 1')).toBe(true);
    expect(matches('attribute:stack == dev or attribute:cores > 100')).toBe(false);
    expect(matches('!attribute:stack == dev')).toBe(true);
    expect(matches('not not attribute:stack == prod')).toBe(true);
  });

  it('binds not tighter than and, and tighter than or', () => {
    // Read as (false and false) or true.
    expect(matches('attribute:stack == dev and attribute:cores == 1 or attribute:gpu exists')).toBe(
      true,
    );
    // Read as true or (false and false).
    expect(matches('attribute:gpu exists or attribute:stack == dev and attribute:cores == 1')).toBe(
      true,
    );
    // Read as (not false) and false.
    expect(matches('not attribute:stack == dev and attribute:cores == 1')).toBe(false);
  });

  it('lets parentheses override precedence', () => {
    expect(
      matches('(attribute:gpu exists or attribute:stack == dev) and attribute:cores == 1'),
    ).toBe(false);
    expect(matches('not (attribute:stack == dev or attribute:cores == 1)')).toBe(true);
    expect(matches('((attribute:stack == prod))')).toBe(true);
  });

  it('parses an expression once and reuses it', () => {
    expect(parseQuery('attribute:stack == prod')).toBe(parseQuery('attribute:stack == prod'));
  });
});

describe('syntax errors', () => {
  it.each([
    ['', 'the expression is empty', 0],
    ['attribute:stack', "expected an operator after 'attribute:stack'", 15],
    ['attribute:stack ==', 'expected a value, found the end of the expression', 18],
    ['attribute:stack = prod', "unexpected '='", 16],
    ['color == red', "unknown subject 'color'", 0],
    ['attribute: == x', "an attribute name must follow 'attribute:'", 0],
    ['ec2InstanceId > i-1', "'>' is not an operator of ec2InstanceId", 14],
    ['agentConnected exists', "'exists' is not an operator of agentConnected", 15],
    ['attribute:az in us-east-1a', 'expected an argument list such as [a, b]', 16],
    ['attribute:az in [a b]', "expected ',' or ']' in the list, found 'b'", 19],
    ['attribute:az in [a,', 'expected a value in the list', 19],
    ['(attribute:a == b', "expected ')' to close the '(' at character 1", 17],
    ['attribute:a == b)', "unexpected ')' without a matching '('", 16],
    ['attribute:a == b attribute:c == d', "expected 'and' or 'or' before 'attribute:c'", 17],
    ['attribute:a == b and', 'expected a subject', 20],
    ["attribute:a == 'b", 'unterminated string', 15],
    ['attribute:a =~ t2.(', "'t2.(' is not a valid regular expression", 15],
    ['registeredAt < yesterday', "'yesterday' is not a date", 15],
    ['registeredAt < 2018-13-45', "'2018-13-45' is not a date", 15],
    ['runningTasksCount > two', 'runningTasksCount compares with a whole number', 20],
    ['agentVersion < latest', "'latest' is not an agent version", 15],
  ])('%j: %s at %d', (expression, message, position) => {
    const error = syntaxError(expression);
    expect(error.message).toContain(message);
    expect(error.position).toBe(position);
  });
});
