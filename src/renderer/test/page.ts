import { vi } from 'vitest';
import type { EngineStatus } from '../../shared';

/** What `engine.status` answers in a page test: an engine that is there. */
export const connectedEngine: EngineStatus = {
  state: 'connected',
  endpoint: { address: 'unix:///var/run/docker.sock', source: 'default' },
  since: 0,
};

class ImmediateObserver {
  constructor(private readonly callback: (entries: never[]) => void) {}
  observe() {
    this.callback([]);
  }
  disconnect() {}
  unobserve() {}
}

/**
 * jsdom lays nothing out: gives every table region a size (so its rows render) and a
 * do-nothing scroll, for tests of whole pages. Undo with `vi.restoreAllMocks()` and
 * `vi.unstubAllGlobals()`.
 */
export function layOutTables({ width = 1200, height = 600 } = {}): void {
  Object.defineProperty(HTMLElement.prototype, 'scrollTo', {
    value: () => undefined,
    configurable: true,
  });
  vi.stubGlobal('ResizeObserver', ImmediateObserver);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(function (
    this: HTMLElement,
  ) {
    return this.getAttribute('role') === 'region' ? width : 0;
  });
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (
    this: HTMLElement,
  ) {
    return this.getAttribute('role') === 'region' ? height : 0;
  });
}
