import type {Logger} from '../ui/logger.js'
import {type QboConfig, endpointsFor, readQboConfig} from './config.js'
import {QboClient, type QboClientOptions} from './client.js'
import {type OAuthPort, createIntuitOAuth} from './oauth.js'
import {TokenKeeper} from './token-keeper.js'
import {TokenStore} from './token-store.js'

export interface QboSession {
  config: QboConfig
  store: TokenStore
  oauth: OAuthPort
  keeper: TokenKeeper
  /** A client for one realm (one axios instance and one scheduler per realm). */
  client(realmId: string, extra?: Partial<QboClientOptions>): QboClient
}

/** Wires config (env), the encrypted store, intuit-oauth and the token keeper the way every command needs them. */
export function openQboSession(
  env: NodeJS.ProcessEnv,
  logger: Logger,
  options: {oauth?: OAuthPort} = {},
): QboSession {
  const config = readQboConfig(env)
  const store = new TokenStore({file: config.tokenFile, passphrase: config.passphrase})
  const oauth = options.oauth ?? createIntuitOAuth(config)
  const keeper = new TokenKeeper({store, oauth, logger, seed: config.seed})
  const clients = new Map<string, QboClient>()
  return {
    config,
    store,
    oauth,
    keeper,
    client(realmId, extra = {}) {
      let c = clients.get(realmId)
      if (!c) {
        c = new QboClient({realmId, apiBase: endpointsFor(config).api, tokens: keeper, logger, ...extra})
        clients.set(realmId, c)
      }
      return c
    },
  }
}
