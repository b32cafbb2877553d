import {randomBytes} from 'node:crypto'
import {createServer} from 'node:http'

import {AuthError, ConfigError} from '../../domain/errors.js'
import type {XeroConnection, XeroIdentity, XeroTokenSet} from './identity.js'
import type {XeroTokenSource} from './token-source.js'

/** Renew this long before expiry, so a token never lapses between the check and the call. */
const EARLY_MS = 60_000

/**
 * Custom connections (client credentials): no browser and no refresh token; a new access token when the
 * old one is about to expire. The tenant is XERO_TENANT_ID or, as a custom connection has exactly one,
 * the one /connections lists.
 */
export function clientCredentialsTokenSource(input: {
  identity: XeroIdentity
  tenantId?: string
  now?: () => number
}): XeroTokenSource {
  const now = input.now ?? Date.now
  let current: XeroTokenSet | undefined
  let tenantId = input.tenantId
  return {
    async get() {
      if (!current || current.expiresAt - EARLY_MS <= now())
        current = await input.identity.clientCredentials()
      if (!tenantId) tenantId = (await onlyConnection(input.identity, current.accessToken)).tenantId
      return {accessToken: current.accessToken, tenantId}
    },
  }
}

/**
 * Tokens from `qbo auth connect --provider xero` (or a store): refreshed when about to expire; every
 * rotated set goes to `onRotate` first, so the (encrypted) store never holds a superseded refresh token.
 */
export function refreshingTokenSource(input: {
  identity: XeroIdentity
  tokens: XeroTokenSet
  tenantId: string
  onRotate: (tokens: XeroTokenSet) => Promise<void>
  now?: () => number
}): XeroTokenSource {
  const now = input.now ?? Date.now
  let current = input.tokens
  return {
    async get() {
      if (current.expiresAt - EARLY_MS <= now()) {
        if (!current.refreshToken) {
          throw new AuthError('The Xero access token has expired and there is no refresh token.', {
            next: 'qbo auth connect --provider xero',
          })
        }
        const next = await input.identity.refresh(current.refreshToken)
        await input.onRotate(next)
        current = next
      }
      return {accessToken: current.accessToken, tenantId: input.tenantId}
    },
  }
}

async function onlyConnection(identity: XeroIdentity, accessToken: string): Promise<XeroConnection> {
  const connections = await identity.connections(accessToken)
  if (connections.length !== 1) {
    throw new ConfigError(
      `This Xero connection reaches ${connections.length} organisations; say which one.`,
      {
        next: `Set XERO_TENANT_ID to one of: ${connections.map((c) => `${c.tenantId} (${c.tenantName})`).join(', ') || 'none'}`,
      },
    )
  }
  return connections[0]!
}

export interface XeroConnectResult {
  tokens: XeroTokenSet
  tenants: XeroConnection[]
}

/**
 * The authorization code flow: listens on 127.0.0.1 at the redirect URI's port and path, sends the user
 * to the consent page (`open` opens a browser or prints the URL), checks `state`, exchanges the code and
 * lists the organisations the user connected.
 */
export async function connectXero(input: {
  identity: XeroIdentity
  redirectUri: string
  open: (url: string) => Promise<void>
  timeoutMs?: number
}): Promise<XeroConnectResult> {
  const redirect = new URL(input.redirectUri)
  const state = randomBytes(16).toString('hex')
  let settle!: {resolve: (url: string) => void; reject: (error: Error) => void}
  const callback = new Promise<string>((resolve, reject) => {
    settle = {resolve, reject}
  })
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', input.redirectUri)
    if (url.pathname !== redirect.pathname) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, {'content-type': 'text/plain; charset=utf-8'})
    res.end('Xero is connected. You can close this window and return to the terminal.')
    settle.resolve(url.toString())
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(Number(redirect.port || 80), '127.0.0.1', () => resolve())
  })
  const timer = setTimeout(
    () =>
      settle.reject(
        new AuthError('No answer from the Xero consent page in time.', {
          next: 'qbo auth connect --provider xero',
        }),
      ),
    input.timeoutMs ?? 300_000,
  )
  try {
    await input.open(await input.identity.consentUrl(state))
    const callbackUrl = await callback
    const params = new URL(callbackUrl).searchParams
    if (params.get('error')) {
      throw new AuthError(`Xero consent was not given (${params.get('error')}).`, {
        next: 'qbo auth connect --provider xero',
      })
    }
    const tokens = await input.identity.exchangeCode(callbackUrl, state)
    const tenants = await input.identity.connections(tokens.accessToken)
    return {tokens, tenants}
  } finally {
    clearTimeout(timer)
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
