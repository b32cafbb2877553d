import assert from 'node:assert/strict'
import {join} from 'node:path'
import {test} from 'node:test'

import {ConfigError} from '../../../../src/domain/errors.js'
import {startXeroEmulator} from '../../../../src/emulator/xero/index.js'
import {TokenStore} from '../../../../src/qbo/token-store.js'
import {storedXeroTokenSource} from '../../../../src/sources/xero-api/stored-tokens.js'
import {tempDir} from '../../../helpers/temp.js'

test('stored Xero tokens: a refresh rotates the entry of every organisation of the connection', async (t) => {
  let now = Date.UTC(2024, 6, 1)
  const emulator = await startXeroEmulator({company: 'test/fixtures/xero-api', now: () => now})
  t.after(() => emulator.close())
  const store = new TokenStore({file: join(tempDir(t), 'tokens.json'), passphrase: 'p'})
  const first = (await (await fetch(`${emulator.url}/_emulator/tokens`, {method: 'POST'})).json()) as {
    access_token: string
    refresh_token: string
  }
  const at = new Date(now).toISOString()
  const entry = (tenantId: string) => ({
    tenantId,
    accessToken: first.access_token,
    accessExpiresAt: new Date(now + 1_800_000).toISOString(),
    refreshToken: first.refresh_token,
    lastRotatedAt: at,
  })
  store.putXero([entry(emulator.tenantId), entry('other-tenant')])
  const env = {XERO_CLIENT_ID: 'app', XERO_CLIENT_SECRET: 's', XERO_BASE_URL: emulator.url}

  assert.throws(() => storedXeroTokenSource({env, store}), ConfigError, 'two tenants: say which')
  assert.equal(storedXeroTokenSource({env, store, tenantId: 'not-connected'}), undefined)
  const source = storedXeroTokenSource({env, store, tenantId: emulator.tenantId, now: () => now})!
  assert.equal((await source.get()).accessToken, first.access_token)

  now += 1_790_000
  const renewed = await source.get()
  assert.notEqual(renewed.accessToken, first.access_token)
  const after = store.listXero()
  assert.equal(after.length, 2)
  for (const e of after) {
    assert.equal(e.accessToken, renewed.accessToken)
    assert.ok(e.refreshToken && e.refreshToken !== first.refresh_token)
  }
})
