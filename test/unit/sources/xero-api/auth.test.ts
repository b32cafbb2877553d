import assert from 'node:assert/strict'
import {createServer} from 'node:net'
import {test} from 'node:test'

import {AuthError, ConfigError, UsageError} from '../../../../src/domain/errors.js'
import {startXeroEmulator} from '../../../../src/emulator/xero/index.js'
import {
  clientCredentialsTokenSource,
  connectXero,
  refreshingTokenSource,
  sinceInstant,
  XeroApiAdapter,
  xeroApiAdapterFromEnv,
  xeroConfigFromEnv,
  xeroIdentity,
} from '../../../../src/sources/xero-api/index.js'
import {tempStaging} from '../../../helpers/temp.js'
import {stageAll} from './driver.js'

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const {port} = server.address() as {port: number}
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

test('connect: consent, callback with state, code exchange and the connected tenant', async (t) => {
  const emulator = await startXeroEmulator({company: 'test/fixtures/xero-api'})
  t.after(() => emulator.close())
  const redirectUri = `http://127.0.0.1:${await freePort()}/cb`
  const config = xeroConfigFromEnv(
    {XERO_CLIENT_ID: 'app', XERO_CLIENT_SECRET: 'secret', XERO_BASE_URL: emulator.url},
    redirectUri,
  )
  const identity = xeroIdentity(config)
  let opened = ''
  const result = await connectXero({
    identity,
    redirectUri,
    // The "browser": follows the consent page's redirect back to the callback listener.
    open: async (url) => {
      opened = url
      await fetch(url)
    },
  })
  assert.match(
    opened,
    new RegExp(`^${emulator.url}/identity/connect/authorize\\?response_type=code&client_id=app`),
  )
  assert.ok(result.tokens.accessToken && result.tokens.refreshToken)
  assert.deepEqual(result.tenants, [{tenantId: emulator.tenantId, tenantName: 'Koala Demo Pty Ltd'}])
})

test('stored tokens are refreshed when about to expire, and the rotated set is handed over first', async (t) => {
  let now = Date.UTC(2024, 6, 1)
  const emulator = await startXeroEmulator({company: 'test/fixtures/xero-api', now: () => now})
  t.after(() => emulator.close())
  const identity = xeroIdentity(
    {clientId: 'app', clientSecret: 'secret', scopes: ['offline_access'], baseUrl: emulator.url},
    {now: () => now},
  )
  const first = (await (await fetch(`${emulator.url}/_emulator/tokens`, {method: 'POST'})).json()) as {
    access_token: string
    refresh_token: string
  }
  const rotated: string[] = []
  const source = refreshingTokenSource({
    identity,
    tokens: {accessToken: first.access_token, refreshToken: first.refresh_token, expiresAt: now + 1_800_000},
    tenantId: emulator.tenantId,
    onRotate: async (tokens) => {
      rotated.push(tokens.refreshToken ?? '')
    },
    now: () => now,
  })
  assert.equal((await source.get()).accessToken, first.access_token)
  now += 1_790_000
  const renewed = await source.get()
  assert.notEqual(renewed.accessToken, first.access_token)
  assert.equal(rotated.length, 1)
  assert.notEqual(rotated[0], first.refresh_token)
  // The superseded refresh token is spent.
  await assert.rejects(identity.refresh(first.refresh_token), AuthError)
})

test('a custom connection (client credentials) finds its one tenant and extracts', async (t) => {
  const emulator = await startXeroEmulator({company: 'test/fixtures/xero-api'})
  t.after(() => emulator.close())
  const config = xeroConfigFromEnv({
    XERO_CLIENT_ID: 'app',
    XERO_CLIENT_SECRET: 'secret',
    XERO_BASE_URL: emulator.url,
  })
  const tokens = clientCredentialsTokenSource({identity: xeroIdentity(config)})
  assert.equal((await tokens.get()).tenantId, emulator.tenantId)
  const {staging} = tempStaging(t)
  await stageAll(new XeroApiAdapter({tokens, baseUrl: emulator.url}), staging)
  assert.equal(staging.staged.countsByKind().invoice, 3)
})

test('missing client credentials or a bad XERO_BASE_URL are configuration errors', () => {
  assert.throws(() => xeroConfigFromEnv({XERO_CLIENT_ID: 'x'}), ConfigError)
  assert.throws(
    () => xeroConfigFromEnv({XERO_CLIENT_ID: 'x', XERO_CLIENT_SECRET: 'y', XERO_BASE_URL: 'localhost:4010'}),
    ConfigError,
  )
})

test('the adapter reports a refused token as an auth error, not a retry', async (t) => {
  const emulator = await startXeroEmulator({company: 'test/fixtures/xero-api'})
  t.after(() => emulator.close())
  const {staging} = tempStaging(t)
  const adapter = new XeroApiAdapter({
    tokens: {get: async () => ({accessToken: 'not-a-token', tenantId: emulator.tenantId})},
    baseUrl: emulator.url,
  })
  await assert.rejects(stageAll(adapter, staging), (error: unknown) => {
    assert.ok(error instanceof AuthError)
    assert.equal(error.next, 'qbo auth connect --provider xero')
    return true
  })
})

test('xeroApiAdapterFromEnv: headless extract from XERO_* settings, --since as a UTC date', async (t) => {
  const emulator = await startXeroEmulator({company: 'test/fixtures/xero-api'})
  t.after(() => emulator.close())
  const {staging} = tempStaging(t)
  const env = {XERO_CLIENT_ID: 'app', XERO_CLIENT_SECRET: 'secret', XERO_BASE_URL: emulator.url}
  await stageAll(xeroApiAdapterFromEnv({env}), staging)
  // Two invoice payments and the overpayment (staged as a payment since issue 26).
  assert.equal(staging.staged.countsByKind().payment, 3)
  assert.equal(sinceInstant('2024-07-01').toISOString(), '2024-07-01T00:00:00.000Z')
  assert.throws(() => sinceInstant('1/7/2024'), UsageError)
})
