// The QBO client's public surface: the loader, planner and reconciler import from here only.
export {createQboClient, QboClient, type QboClientOptions, type QboEntity} from './client.js'
export {openQboSession, type QboSession} from './session.js'
export {readQboConfig, endpointsFor, type QboConfig, type QboEndpoints} from './config.js'
export {TokenStore, type TokenEntry} from './token-store.js'
export {TokenKeeper} from './token-keeper.js'
export {createIntuitOAuth, type OAuthPort, type TokenGrant} from './oauth.js'
export {select, quote, paged, QueryBuilder} from './query.js'
export {
  type BatchItem,
  type BatchResult,
  type BatchSuccess,
  type BatchFailure,
  MAX_BATCH_ITEMS,
} from './batch.js'
export {sparseUpdate, type SparseUpdateInput} from './sparse-update.js'
export {buildPrivateNoteIndex, PrivateNoteIndex} from './private-note-index.js'
export {QBO_LIMITS, type Limits} from './scheduler.js'
export {
  QboFaultError,
  QboTransportError,
  QboOutcomeUnknownError,
  QboAuthError,
  SyncConflictError,
  type QboFault,
} from './errors.js'
export {parseFaults} from './faults.js'
export {openRealmClient} from './connection.js'
export {readAllStable, type PageReader, type StablePagingOptions} from './query-pages.js'
