export {
  startFaultProxy,
  type ConnectionStats,
  type Direction,
  type FaultProxy,
  type FaultProxyOptions,
} from './fault-proxy.js';
