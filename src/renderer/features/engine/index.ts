export { EnginePage } from './EnginePage';
export { EngineStatusIndicator } from './EngineStatusIndicator';
