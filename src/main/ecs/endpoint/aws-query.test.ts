import { describe, expect, it } from 'vitest';
import {
  escapeXml,
  isQueryContentType,
  parseQuery,
  queryAnswer,
  queryErrorAnswer,
} from './aws-query';

const xmlns = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

function parsed(text: string) {
  const result = parseQuery(text, xmlns);
  if (!result.ok) throw new Error(result.answer.body);
  return result.request;
}

describe('the AWS Query protocol', () => {
  it('reads the action, the version and members nested from their dotted names', () => {
    const request = parsed(
      'Action=DescribeTargetGroups&Version=2015-12-01&Names.member.1=web&Names.member.2=api' +
        '&Tags.member.1.Key=env&Tags.member.1.Value=prod%20eu&Tags.member.2.Key=team' +
        '&Matcher.HttpCode=200&PageSize=5',
    );
    expect(request.action).toBe('DescribeTargetGroups');
    expect(request.version).toBe('2015-12-01');
    expect(JSON.parse(JSON.stringify(request.members))).toEqual({
      Names: ['web', 'api'],
      Tags: [{ Key: 'env', Value: 'prod eu' }, { Key: 'team' }],
      Matcher: { HttpCode: '200' },
      PageSize: '5',
    });
  });

  it('keeps members off the prototype chain', () => {
    const request = parsed('Action=X&constructor.prototype=1&toString=2');
    expect(Object.getPrototypeOf(request.members)).toBeNull();
    expect(request.members['toString']).toBe('2');
    expect(({} as Record<string, unknown>)['prototype']).toBeUndefined();
  });

  it.each([
    ['no action', 'Version=1'],
    ['a malformed action', 'Action=Describe%3CX%3E'],
    ['an index of 0', 'Action=X&Names.member.0=a'],
    ['an index past the cap', 'Action=X&Names.member.100000=a'],
    ['a list without an index', 'Action=X&Names.member=a'],
    ['a member given twice', 'Action=X&Name=a&Name=b'],
    ['a scalar and a structure of one name', 'Action=X&Name=a&Name.Key=b'],
    ['an empty name part', 'Action=X&Tags..Key=a'],
    ['a __proto__ member', 'Action=X&__proto__.polluted=1'],
  ])('refuses %s with an XML Sender error', (_, text) => {
    const result = parseQuery(text, xmlns);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.answer.status).toBe(400);
    expect(result.answer.contentType).toBe('text/xml');
    expect(result.answer.body).toMatch(/^<ErrorResponse xmlns="[^"]+"><Error><Type>Sender<\/Type>/);
    expect(result.answer.errorType).toMatch(/^(MissingAction|MalformedQueryString)$/);
  });

  it('answers results as XML: lists as members, Dates in ISO 8601, text escaped', () => {
    const answer = queryAnswer(
      'DescribeTargetGroups',
      xmlns,
      {
        TargetGroups: [{ TargetGroupName: 'a<b>&"c"', Port: 80, Enabled: true }],
        CreatedTime: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
        NextMarker: undefined,
      },
      'req-1',
    );
    expect(answer).toEqual({
      status: 200,
      contentType: 'text/xml',
      body:
        `<DescribeTargetGroupsResponse xmlns="${xmlns}"><DescribeTargetGroupsResult>` +
        '<TargetGroups><member><TargetGroupName>a&lt;b&gt;&amp;&quot;c&quot;</TargetGroupName>' +
        '<Port>80</Port><Enabled>true</Enabled></member></TargetGroups>' +
        '<CreatedTime>2026-01-02T03:04:05.000Z</CreatedTime></DescribeTargetGroupsResult>' +
        '<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>' +
        '</DescribeTargetGroupsResponse>',
    });
  });

  it('answers errors as ErrorResponse, Receiver from 500', () => {
    expect(queryErrorAnswer(xmlns, 'TargetGroupNotFound', 'No <such> group.', 400, 'r')).toEqual({
      status: 400,
      errorType: 'TargetGroupNotFound',
      contentType: 'text/xml',
      body:
        `<ErrorResponse xmlns="${xmlns}"><Error><Type>Sender</Type>` +
        '<Code>TargetGroupNotFound</Code><Message>No &lt;such&gt; group.</Message></Error>' +
        '<RequestId>r</RequestId></ErrorResponse>',
    });
    expect(queryErrorAnswer(xmlns, 'InternalFailure', 'Down.', 500).body).toContain(
      '<Type>Receiver</Type>',
    );
  });

  it('knows its content type and escapes every XML special character', () => {
    expect(isQueryContentType('application/x-www-form-urlencoded; charset=utf-8')).toBe(true);
    expect(isQueryContentType('application/x-amz-json-1.1')).toBe(false);
    expect(isQueryContentType(undefined)).toBe(false);
    expect(escapeXml(`<a href='x'>&"`)).toBe('&lt;a href=&apos;x&apos;&gt;&amp;&quot;');
  });
});
