import assert from 'node:assert/strict'
import {join} from 'node:path'
import {test} from 'node:test'

import {AuthError} from '../../src/domain/errors.js'
import type {OAuthPort, TokenGrant} from '../../src/qbo/oauth.js'
import {TokenKeeper} from '../../src/qbo/token-keeper.js'
import {TokenStore} from '../../src/qbo/token-store.js'
import type {Logger} from '../../src/ui/logger.js'
import {tempDir} from '../helpers/temp.js'

const DAY = 86_400_000

function fakeOAuth(now: () => Date, store?: TokenStore) {
  let n = 0
  const calls: string[] = []
  const port: OAuthPort = {
    authorizeUrl: () => '',
    exchangeCode: () => Promise.reject(new Error('unused')),
    revoke: () => Promise.resolve(),
    refresh: async (rt) => {
      calls.push(rt)
      // The previous refresh token must already be on disk when the next refresh starts.
      if (store && n > 0) assert.equal(store.get('1')?.refreshToken, `rt${n}`)
      n++
      const t = now().getTime()
      const grant: TokenGrant = {
        accessToken: `at${n}`,
        refreshToken: `rt${n}`,
        accessExpiresAt: new Date(t + 3600_000).toISOString(),
        refreshExpiresAt: new Date(t + 100 * DAY).toISOString(),
        hardExpiresAt: new Date(t + 30 * DAY).toISOString(),
        realmId: undefined,
      }
      return grant
    },
  }
  return {port, calls}
}

test('keeper: seeds headlessly, reuses a fresh token, refreshes ahead of expiry, warns of the hard expiry once', async (t) => {
  let clock = Date.parse('2026-01-01T00:00:00Z')
  const now = () => new Date(clock)
  const store = new TokenStore({file: join(tempDir(t), 'tokens.json')})
  const {port, calls} = fakeOAuth(now, store)
  const warnings: string[] = []
  const logger: Logger = {debug() {}, info() {}, warn: (m) => void warnings.push(m)}
  const keeper = new TokenKeeper({
    store,
    oauth: port,
    logger,
    now,
    seed: {realmId: '1', refreshToken: 'seed'},
  })
  assert.equal(await keeper.accessToken('1'), 'at1')
  assert.deepEqual(calls, ['seed'])
  assert.equal(await keeper.accessToken('1'), 'at1')
  clock += 3600_000 - 4 * 60_000 // inside the 5-minute margin
  assert.equal(await keeper.accessToken('1'), 'at2')
  assert.deepEqual(calls, ['seed', 'rt1'])
  assert.equal(store.get('1')?.refreshToken, 'rt2')
  assert.equal(warnings.length, 1)
  assert.match(warnings[0] ?? '', /hard expiry in 30 days/)
  await assert.rejects(keeper.accessToken('2'), AuthError)
})

test('keeper: after a 401, a token another process already rotated is used without refreshing', async (t) => {
  const now = () => new Date('2026-01-01T00:00:00Z')
  const store = new TokenStore({file: join(tempDir(t), 'tokens.json')})
  const {port, calls} = fakeOAuth(now)
  const keeper = new TokenKeeper({
    store,
    oauth: port,
    logger: {debug() {}, info() {}, warn() {}},
    now,
    seed: {realmId: '1', refreshToken: 'seed'},
  })
  const first = await keeper.accessToken('1')
  const other = store.get('1')
  assert.ok(other)
  store.put({...other, accessToken: 'rotated-elsewhere'})
  assert.equal(await keeper.afterUnauthorized('1', first), 'rotated-elsewhere')
  assert.equal(calls.length, 1)
  assert.equal(await keeper.afterUnauthorized('1', 'rotated-elsewhere'), 'at2')
})

test('keeper: no expiry warning for a token just issued with a short life (the time-scaled emulator, #17)', async (t) => {
  let clock = Date.parse('2026-01-01T00:00:00Z')
  const now = () => new Date(clock)
  const warnings: string[] = []
  const lifeDays = 100 / 60 // QBO's 100 days at the demo's --time-scale 60
  const port: OAuthPort = {
    authorizeUrl: () => '',
    exchangeCode: () => Promise.reject(new Error('unused')),
    revoke: () => Promise.resolve(),
    refresh: () =>
      Promise.resolve({
        accessToken: 'at',
        refreshToken: 'rt',
        accessExpiresAt: new Date(clock + 2 * DAY).toISOString(),
        refreshExpiresAt: new Date(clock + lifeDays * DAY).toISOString(),
        hardExpiresAt: null,
        realmId: undefined,
      } as unknown as TokenGrant),
  }
  const keeper = new TokenKeeper({
    store: new TokenStore({file: join(tempDir(t), 'tokens.json')}),
    oauth: port,
    logger: {debug() {}, info() {}, warn: (m) => void warnings.push(m)},
    now,
    seed: {realmId: '1', refreshToken: 'seed'},
  })
  await keeper.accessToken('1')
  clock += 60_000 // every command checks the expiries of the stored token
  await keeper.accessToken('1')
  assert.deepEqual(warnings, [])
  clock += 0.9 * DAY // past half its life: now the warning means something
  await keeper.accessToken('1')
  assert.equal(warnings.length, 1)
  assert.match(warnings[0] ?? '', /expires in less than a day unless it is used/)
})
