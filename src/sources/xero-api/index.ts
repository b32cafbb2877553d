export {XeroApiAdapter, type XeroApiAdapterOptions} from './adapter.js'
export {
  clientCredentialsTokenSource,
  connectXero,
  refreshingTokenSource,
  type XeroConnectResult,
} from './auth.js'
export {DEFAULT_XERO_SCOPES, xeroConfigFromEnv} from './config.js'
export {RESUME_COMMAND} from './failures.js'
export {sinceInstant, xeroApiAdapterFromEnv} from './from-env.js'
export {
  type XeroAppConfig,
  type XeroConnection,
  xeroIdentity,
  type XeroIdentity,
  type XeroTokenSet,
} from './identity.js'
export {type XeroEndpoints, xeroEndpoints, type XeroTokenSource} from './token-source.js'
export {
  connectXeroToStore,
  type StoredXeroTokens,
  storedXeroTokenSource,
  type XeroConnectStored,
  type XeroTokenStorePort,
} from './stored-tokens.js'
