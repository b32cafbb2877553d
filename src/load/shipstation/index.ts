// The ShipStation → QBO tracking sync (docs/shipstation.md): one run, its status, and the store mappings.
export {runShipStationSync} from './run.js'
export {shipStationStatus, type ShipStationStatus} from './status.js'
export {setStoreMapping} from './mapping.js'
export {DEFAULTS, JOB, RUN_KIND, type SyncDeps, type SyncOptions} from './deps.js'
export type {SyncResult} from './result.js'
