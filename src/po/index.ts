// The purchase-order engine's public surface: commands (and a dashboard page) import from here only.
export {runPoBatch, type PoBatchOptions} from './batch.js'
export {planPoBatch, type PoBatchPlan} from './plan.js'
export {listPurchaseOrders, type PoListResult} from './list.js'
export {poBatchStatus, listPoBatches, type PoBatchListEntry} from './status.js'
export {checkSelection, type PoSelection} from './selection.js'
export {smtpTransport, safeUrl} from './smtp-transport.js'
export type {PoBatchResult, PoDeps} from './types.js'
