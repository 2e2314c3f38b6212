import type { CredentialHolder } from '../agent/credentials';
import type { AwsAnswer } from './aws-json';
import { parseQuery, queryAnswer, queryErrorAnswer } from './aws-query';
import { signatureTimeProblem, verifySigV4, type SignedRequest } from './sigv4';

export const stsXmlns = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Who holds credentials the app minted (the container agent's), with their secret. */
export type IdentityLookup = (
  accessKeyId: string,
  sessionToken: string | undefined,
) => CredentialHolder | undefined;

export interface QueryCall {
  authorization: string | undefined;
  securityToken: string | undefined;
  body: string;
  requestId: string;
  /** The request as it arrived, for its signature. */
  signed: SignedRequest;
}

/** The access key id and service of a SigV4 `Authorization` header's credential scope. */
export function credentialScopeOf(
  authorization: string | undefined,
): { accessKeyId: string; service: string } | undefined {
  const match =
    /Credential=([A-Za-z0-9]{1,128})\/\d{8}\/[a-z0-9-]{1,32}\/([a-z0-9-]{1,32})\/aws4_request/.exec(
      (authorization ?? '').slice(0, 2048),
    );
  return match ? { accessKeyId: match[1] ?? '', service: match[2] ?? '' } : undefined;
}

/**
 * STS in AWS Query: GetCallerIdentity for credentials the app minted (the access key and its
 * session token must match what was minted, and the SigV4 signature must be made with its
 * secret within 15 minutes of `now`: SignatureDoesNotMatch otherwise, as STS says it), and
 * InvalidClientTokenId for any other.
 */
export function answerStsCall(
  call: QueryCall,
  identify: IdentityLookup | undefined,
  now: number,
): AwsAnswer {
  const parsed = parseQuery(call.body, stsXmlns);
  if (!parsed.ok) return parsed.answer;
  const { action } = parsed.request;
  if (action !== 'GetCallerIdentity') {
    return queryErrorAnswer(
      stsXmlns,
      'InvalidAction',
      `Stowage answers GetCallerIdentity only, not ${action}.`,
      400,
      call.requestId,
    );
  }
  const scope = credentialScopeOf(call.authorization);
  if (!scope) {
    return queryErrorAnswer(
      stsXmlns,
      'MissingAuthenticationToken',
      'Request is missing Authentication Token',
      403,
      call.requestId,
    );
  }
  const holder = identify?.(scope.accessKeyId, call.securityToken);
  if (!holder) {
    return queryErrorAnswer(
      stsXmlns,
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
      403,
      call.requestId,
    );
  }
  const amzDate = call.signed.headers['x-amz-date'];
  const late = typeof amzDate === 'string' ? signatureTimeProblem(amzDate, now) : undefined;
  if (late) {
    return queryErrorAnswer(stsXmlns, 'SignatureDoesNotMatch', late, 403, call.requestId);
  }
  if (!verifySigV4(call.signed, holder.secretAccessKey)) {
    return queryErrorAnswer(
      stsXmlns,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. ' +
        'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      403,
      call.requestId,
    );
  }
  const { identity } = holder;
  return queryAnswer(
    action,
    stsXmlns,
    { UserId: identity.userId, Account: identity.account, Arn: identity.arn },
    call.requestId,
  );
}
