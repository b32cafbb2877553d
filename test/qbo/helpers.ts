import {join} from 'node:path'
import type {TestContext} from 'node:test'

import {tempDir} from '../helpers/temp.js'
import {silentLogger} from '../../src/ui/logger.js'
import {readQboConfig} from '../../src/qbo/config.js'
import {QboClient, type QboClientOptions} from '../../src/qbo/client.js'
import {createIntuitOAuth} from '../../src/qbo/oauth.js'
import {TokenKeeper} from '../../src/qbo/token-keeper.js'
import {TokenStore} from '../../src/qbo/token-store.js'
import {controlTokens} from './acceptance/server.js'

export const CLIENT_ID = 'qbo-emulator-client'
export const CLIENT_SECRET = 'qbo-emulator-secret'

export function envFor(
  url: string,
  tokenFile: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    QBO_CLIENT_ID: CLIENT_ID,
    QBO_CLIENT_SECRET: CLIENT_SECRET,
    QBO_BASE_URL: url,
    QBO_TOKEN_FILE: tokenFile,
    QBO_REDIRECT_URI: 'http://127.0.0.1:0/cb',
    ...extra,
  }
}

/** A store seeded through the control endpoint, and a client for the realm that uses it. */
export async function connectedClient(
  t: TestContext,
  url: string,
  realmId: string,
  options: Partial<QboClientOptions> = {},
) {
  const file = join(tempDir(t), 'tokens.json')
  const config = readQboConfig(envFor(url, file))
  const store = new TokenStore({file})
  const grant = await controlTokens(url, realmId)
  const now = Date.now()
  store.put({
    realmId,
    accessToken: grant.access_token,
    accessExpiresAt: new Date(now + grant.expires_in * 1000).toISOString(),
    refreshToken: grant.refresh_token,
    refreshExpiresAt: new Date(now + grant.x_refresh_token_expires_in * 1000).toISOString(),
    hardExpiresAt: null,
    lastRotatedAt: new Date(now).toISOString(),
  })
  const keeper = new TokenKeeper({store, oauth: createIntuitOAuth(config), logger: silentLogger})
  const client = new QboClient({realmId, apiBase: url, tokens: keeper, ...options})
  return {client, store, keeper, config, file}
}
