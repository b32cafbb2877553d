import {dirname, join} from 'node:path'

import {readShopifySettings} from '../load/shopify/settings-file.js'
import type {ShopifySyncDeps} from '../load/shopify/sync.js'
import type {ShopifySettings} from '../mappers/shopify/settings.js'
import {openTokenStore} from '../qbo/auth-commands.js'
import {openRealmClient} from '../qbo/index.js'
import {accessTokenFor, graphqlUrl, normalizeDomain} from '../sources/shopify/config.js'
import {ShopifyGraphql} from '../sources/shopify/graphql.js'
import type {Staging} from '../staging/index.js'
import type {Logger} from '../ui/logger.js'
import {timeScaleFromEnv} from './qbo-flags.js'

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** The settings file: --settings, else shopify.yml beside the migration file (the defaults when there is none). */
export function settingsFor(dbPath: string, file: string | undefined): ShopifySettings {
  return file
    ? readShopifySettings(file, true)
    : readShopifySettings(join(dirname(dbPath), 'shopify.yml'), false)
}

/**
 * What `qbo sync shopify` gives the engine: the QBO client of the company, and per store an Admin GraphQL
 * client with its token (SHOPIFY_ACCESS_TOKENS, the token store, or SHOPIFY_ACCESS_TOKEN) and endpoint
 * (SHOPIFY_BASE_URL for the emulator).
 */
export function shopifySyncDeps(input: {
  env: NodeJS.ProcessEnv
  logger: Logger
  staging: Staging
  settings: ShopifySettings
  realm?: string
  storesInRun: number
}): ShopifySyncDeps {
  const {env, logger} = input
  const qbo = openRealmClient(env, logger, {
    ...(input.realm ? {realm: input.realm} : {}),
    client: {timeScale: timeScaleFromEnv(env)},
  })
  const tokens = openTokenStore(env)
  const clients = new Map<string, ShopifyGraphql>()
  return {
    staging: input.staging,
    qbo,
    settings: input.settings,
    now: Date.now,
    sleep,
    logger,
    shopify: (domain) => {
      const shop = normalizeDomain(domain)
      let client = clients.get(shop)
      if (!client) {
        client = new ShopifyGraphql({
          url: graphqlUrl(shop, env.SHOPIFY_BASE_URL?.trim() || undefined),
          token: accessTokenFor(shop, env, tokens, input.storesInRun),
          shop,
          now: Date.now,
          sleep,
          logger,
        })
        clients.set(shop, client)
      }
      return client
    },
  }
}
