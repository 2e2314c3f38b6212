import type {
  CallName,
  CallOutput,
  DomainContract,
  ParsedCallInput,
  ParsedStreamInput,
  StreamItem,
  StreamName,
  StreamResult,
} from '../../shared';

export interface CallContext {
  /** Aborted when the caller cancels or its connection goes away. */
  signal: AbortSignal;
}

export interface StreamContext<K extends StreamName> extends CallContext {
  /**
   * Sends one item to the client. Resolves when the item is on its way or queued within the
   * client's window; a producer that awaits it is paused while the client lags behind. Rejects
   * once the stream is cancelled, so a loop of `await emit(...)` stops by itself.
   */
  emit(item: StreamItem<K>): Promise<void>;
}

export type CallHandler<K extends CallName> = (
  input: ParsedCallInput<K>,
  context: CallContext,
) => Promise<CallOutput<K>>;

export type StreamHandler<K extends StreamName> = (
  input: ParsedStreamInput<K>,
  context: StreamContext<K>,
) => Promise<StreamResult<K>>;

/** A handler for every call and stream of the contract; the compiler says which are missing. */
export type Handlers = { [K in CallName]: CallHandler<K> } & {
  [K in StreamName]: StreamHandler<K>;
};

/**
 * The handlers of one domain's slice of the contract: what `docker/images/handlers.ts` and
 * its siblings export, and `services.ts` spreads into the full `Handlers`.
 */
export type DomainHandlers<M extends DomainContract> = {
  [K in keyof M['calls'] & CallName]: CallHandler<K>;
} & { [K in keyof M['streams'] & StreamName]: StreamHandler<K> };
