import type { Outcome, PlaneContext } from './context';
import type { PlaneEvent } from './runtime-port';
import type { EcsChange } from './state';

/**
 * A sketch of an operation's input members as the API model names them, from which test
 * input is generated: the kind of each member, and the members of nested objects and lists.
 * `ref` is a name or ARN of something that may exist; `text` any string.
 */
export type FuzzKind =
  | 'ref'
  | 'text'
  | 'int'
  | 'bool'
  | 'refs'
  | 'texts'
  | { readonly object: FuzzMembers }
  | { readonly list: FuzzMembers };
export type FuzzMembers = Readonly<Record<string, FuzzKind>>;

interface OperationBase<Name extends string, Input> {
  /** The API's own name of the operation (`DescribeClusters`). */
  readonly name: Name;
  /** The members of its input, for generated calls. */
  readonly fuzz: FuzzMembers;
  /** Carries the input shape in the type only (`Input` is the SDK's request shape). */
  readonly input?: Input;
}

/** An operation that answers from the state as it is and changes nothing. */
export interface ReadOperation<Name extends string, Input, Output> extends OperationBase<
  Name,
  Input
> {
  readonly kind: 'read';
  readonly handler: (ctx: PlaneContext, input: unknown) => Output;
}

/** An operation whose answer holds once its changes are committed (and durable). */
export interface WriteOperation<Name extends string, Input, Output> extends OperationBase<
  Name,
  Input
> {
  readonly kind: 'write';
  readonly handler: (ctx: PlaneContext, input: unknown) => Outcome<Output>;
}

export type Operation<Name extends string = string, Input = never, Output = unknown> =
  ReadOperation<Name, Input, Output> | WriteOperation<Name, Input, Output>;

export type InputOf<Op> = Op extends { readonly input?: infer Input } ? NonNullable<Input> : never;
export type OutputOf<Op> = Op extends {
  readonly kind: 'read';
  readonly handler: Handler<infer Output>;
}
  ? Output
  : Op extends { readonly kind: 'write'; readonly handler: Handler<Outcome<infer Output>> }
    ? Output
    : never;
type Handler<Result> = (ctx: PlaneContext, input: unknown) => Result;

/**
 * What acts over time: given the context and the runtime's events since the last pass,
 * the changes that bring its resources one step towards what they should be. Controllers run
 * in the order of the registry, each on the state as the ones before it left it.
 */
export type Controller = (ctx: PlaneContext, events: readonly PlaneEvent[]) => EcsChange[];

/**
 * The AWS APIs the control plane serves, each under its own protocol at the endpoint: ECS
 * (JSON 1.1), Elastic Load Balancing v2 (AWS Query, XML answers) and Application Auto
 * Scaling (JSON 1.1). One state holds the resources of all three, so a service can name a
 * target group and a scaling policy can name a service, and all of it is journalled alike.
 */
export const awsApis = ['ecs', 'elbv2', 'applicationAutoScaling'] as const;
export type AwsApi = (typeof awsApis)[number];

/** One kind of resource: the operations it serves and, if it acts over time, its controller. */
export interface ResourceModule<Ops extends readonly AnyOperation[] = readonly AnyOperation[]> {
  /** The module's name, in camelCase (used to group its operations, in tests for one). */
  readonly name: string;
  /** The API whose operations these are; ECS when absent. */
  readonly api?: AwsApi;
  readonly operations: Ops;
  readonly controller?: Controller;
  /**
   * The collections its records live in (see `collections.ts`): a change to one is a change
   * to this kind of resource, for those who follow changes by kind (the app's pages).
   */
  readonly collections?: readonly { readonly name: string }[];
}

/** Any operation, whatever its input and output. */
export type AnyOperation = Operation<string, unknown, unknown>;

/**
 * A read operation taking `Input` (given, as the SDK names it) and answering what its
 * handler returns. Handlers validate their own input, so they take it as unknown.
 */
export function readOperation<Input>() {
  return <const Name extends string, Output>(
    name: Name,
    handler: (ctx: PlaneContext, input: unknown) => Output,
    fuzz: FuzzMembers,
  ): ReadOperation<Name, Input, Output> => ({ kind: 'read', name, handler, fuzz });
}

/** A write operation taking `Input` and answering what its handler's outcome carries. */
export function writeOperation<Input>() {
  return <const Name extends string, Output>(
    name: Name,
    handler: (ctx: PlaneContext, input: unknown) => Outcome<Output>,
    fuzz: FuzzMembers,
  ): WriteOperation<Name, Input, Output> => ({ kind: 'write', name, handler, fuzz });
}

/** Fuzz members shared by every paged list operation. */
export const pageMembers = { nextToken: 'text', maxResults: 'int' } as const;
export const tagMembers = { list: { key: 'text', value: 'text' } } as const;
