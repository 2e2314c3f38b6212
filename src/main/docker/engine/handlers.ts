import type { engineContract } from '../../../shared/contract/engine';
import type { DomainHandlers } from '../../rpc/handlers';
import type { EngineConnection } from '../connection/engine';
import { fetchEngineFacts } from './api';
import { toEngineInfo } from './map';

export function engineHandlers(engine: EngineConnection): DomainHandlers<typeof engineContract> {
  return {
    'engine.status': async () => engine.status(),
    'engine.info': async (_input, { signal }) =>
      toEngineInfo(await fetchEngineFacts(engine.docker(), signal)),
    'engine.contexts': async () => engine.contexts(),
    'engine.use': async (choice) => engine.use(choice),
  };
}
