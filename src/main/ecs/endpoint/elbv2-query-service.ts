import { EcsApiError, elbErrorCodes } from '../control-plane/core/ecs-api-error';
import type { FuzzKind, FuzzMembers } from '../control-plane/core/resource-module';
import { elbApiVersion } from '../control-plane/elb/common';
import { ecsOperations } from '../control-plane/registry';
import type { AwsAnswer } from './aws-json';
import { parseQuery, queryAnswer, queryErrorAnswer } from './aws-query';
import type { UnexpectedErrorListener } from './call';
import { elbModelOperations } from './elbv2-model-operations';
import { invokeOperation, isImplemented, type EcsControlPlaneApi } from './operations';

export const elbXmlns = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

const knownCodes: ReadonlySet<string> = new Set(elbErrorCodes);

/**
 * One ELBv2 call in AWS Query: the action and its members from the form, each member read as
 * the operation's input declares it (numbers and booleans arrive as text), then the control
 * plane's answer as XML. Never throws: an ELB error is answered with its code, anything else
 * as InternalFailure that says nothing of the cause.
 */
export async function answerElbCall(
  plane: EcsControlPlaneApi,
  body: string,
  requestId: string,
  onUnexpected: UnexpectedErrorListener = () => undefined,
): Promise<AwsAnswer> {
  const refuse = (code: string, message: string, status = 400) =>
    queryErrorAnswer(elbXmlns, code, message, status, requestId);
  const parsed = parseQuery(body, elbXmlns);
  if (!parsed.ok) return parsed.answer;
  const { action, version, members } = parsed.request;
  if (version !== elbApiVersion) {
    return refuse(
      'InvalidAction',
      `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`,
    );
  }
  if (!isImplemented(action, 'elbv2')) {
    return elbModelOperations.has(action)
      ? refuse('OperationNotPermitted', `Stowage does not implement ${action} yet.`)
      : refuse('InvalidAction', `Could not find operation ${action} for version ${version}`);
  }
  const input = coerceMembers(members, ecsOperations.get(action)?.fuzz ?? {});
  try {
    const result = await invokeOperation(plane, action, input);
    return queryAnswer(action, elbXmlns, result, requestId);
  } catch (error) {
    if (error instanceof EcsApiError && knownCodes.has(error.type)) {
      return refuse(error.type, error.message);
    }
    onUnexpected(action, error);
    return refuse(
      'InternalFailure',
      'The request processing has failed because of an unknown error.',
      500,
    );
  }
}

/**
 * The form's members typed as the operation declares them: integers and booleans from their
 * text (what is not one stays text, for the operation to refuse by name), an empty list sent
 * as an empty string back to a list, lists with gaps closed up. Undeclared members stay text.
 */
function coerceMembers(
  members: Record<string, unknown>,
  kinds: FuzzMembers,
): Record<string, unknown> {
  const typed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(members)) {
    const kind = Object.hasOwn(kinds, name) ? kinds[name] : undefined;
    typed[name] = kind === undefined ? value : coerce(value, kind);
  }
  return typed;
}

function coerce(value: unknown, kind: FuzzKind): unknown {
  if (kind === 'int') {
    return typeof value === 'string' && /^-?[0-9]{1,15}$/.test(value) ? Number(value) : value;
  }
  if (kind === 'bool') return value === 'true' ? true : value === 'false' ? false : value;
  if (kind === 'refs' || kind === 'texts') return listOf(value);
  if (typeof kind === 'object' && 'list' in kind) {
    const list = listOf(value);
    return Array.isArray(list)
      ? list.map((item) => (isMembers(item) ? coerceMembers(item, kind.list) : item))
      : list;
  }
  if (typeof kind === 'object' && 'object' in kind && isMembers(value)) {
    return coerceMembers(value, kind.object);
  }
  return value;
}

function listOf(value: unknown): unknown {
  if (value === '') return [];
  return Array.isArray(value) ? value.filter((item) => item !== undefined) : value;
}

function isMembers(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
