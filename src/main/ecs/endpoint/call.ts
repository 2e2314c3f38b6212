import { autoScalingJsonService } from './auto-scaling-json-service';
import { ecsJsonService } from './ecs-json-service';
import type { EcsControlPlaneApi } from './operations';
import {
  acceptedContentType,
  echo,
  errorAnswer,
  parseBody,
  parseTarget,
  serialiseResult,
  type AwsAnswer,
} from './aws-json';

export interface EcsCall {
  target: string | undefined;
  contentType: string | undefined;
  body: string;
}

/** Told of an exception that was not an ECS error: it reached the client as ServerException. */
export type UnexpectedErrorListener = (operation: string, error: unknown) => void;

/** The services spoken in AWS JSON 1.1, told apart by their `X-Amz-Target` prefix. */
const jsonServices = [ecsJsonService, autoScalingJsonService] as const;

/**
 * One call in AWS JSON 1.1, from its target, content type and body to the answer. Never throws: an ECS
 * error becomes its own `__type` (400, or 500 for ServerException) and anything else a
 * ServerException that says nothing of the cause.
 */
export async function answerCall(
  plane: EcsControlPlaneApi,
  call: EcsCall,
  onUnexpected: UnexpectedErrorListener = () => undefined,
): Promise<AwsAnswer> {
  const target = parseTarget(call.target, jsonServices);
  if (!target.ok) return target.answer;
  const { service, operation } = target;
  if (!acceptedContentType(call.contentType)) {
    return errorAnswer(
      'SerializationException',
      `Send the body as application/x-amz-json-1.1, not "${echo(call.contentType ?? '')}".`,
    );
  }
  if (!service.isServed(operation)) {
    return service.modelOperations.has(operation)
      ? errorAnswer(service.unsupportedType, `Stowage does not implement ${operation} yet.`)
      : errorAnswer(
          'UnknownOperationException',
          `${echo(operation)} is not an ${service.title} operation.`,
        );
  }
  const body = parseBody(call.body);
  if (!body.ok) return body.answer;
  try {
    const result = await service.invoke(plane, operation, body.value);
    return { status: 200, body: serialiseResult(result) };
  } catch (error) {
    const apiError = service.apiErrorOf(error);
    if (apiError) {
      const status = apiError.type === service.serverErrorType ? 500 : 400;
      return errorAnswer(apiError.type, apiError.message, status);
    }
    onUnexpected(operation, error);
    return errorAnswer(service.serverErrorType, 'The server could not complete the request.', 500);
  }
}
