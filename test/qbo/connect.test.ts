import assert from 'node:assert/strict'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import {test} from 'node:test'

import {AuthError, ConfigError} from '../../src/domain/errors.js'
import {readQboConfig} from '../../src/qbo/config.js'
import {connectQbo} from '../../src/qbo/connect.js'
import {createIntuitOAuth} from '../../src/qbo/oauth.js'
import {TokenStore} from '../../src/qbo/token-store.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempDir} from '../helpers/temp.js'
import {startFakeQbo} from './fakes/fake-qbo.js'
import {envFor} from './helpers.js'

async function setup(t: import('node:test').TestContext) {
  const fake = await startFakeQbo()
  t.after(() => fake.close())
  const file = join(tempDir(t), 'tokens.json')
  const config = readQboConfig(envFor(fake.url, file))
  return {fake, config, store: new TokenStore({file}), oauth: createIntuitOAuth(config)}
}

test('connect: a callback with the wrong state is refused and nothing is stored', async (t) => {
  const {config, store, oauth} = await setup(t)
  let shown = ''
  const run = connectQbo({
    config,
    store,
    oauth,
    logger: silentLogger,
    port: 0,
    timeoutMs: 10_000,
    showUrl: (u) => (shown = u),
  }).catch((e: unknown) => e)
  while (!shown) await new Promise((r) => setTimeout(r, 10))
  const redirect = new URL(String(new URL(shown).searchParams.get('redirect_uri')))
  const res = await fetch(`${redirect.href}?code=abc&state=forged&realmId=1`)
  assert.equal(res.status, 400)
  const err = await run
  assert.ok(err instanceof AuthError)
  assert.match(err.message, /wrong state/)
  assert.deepEqual(store.list(), [])
})

test('connect: a port in use is a ConfigError that says what to do', async (t) => {
  const {config, store, oauth} = await setup(t)
  const busy = createServer()
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()))
  t.after(() => busy.close())
  const port = (busy.address() as AddressInfo).port
  const err = await connectQbo({
    config,
    store,
    oauth,
    logger: silentLogger,
    port,
    timeoutMs: 1000,
    showUrl: () => {},
  }).catch((e: unknown) => e)
  assert.ok(err instanceof ConfigError)
  assert.match(err.message, new RegExp(`Port ${port}`))
  assert.match(err.next, /--port/)
})

test('connect: no answer within --timeout is a clear AuthError', async (t) => {
  const {config, store, oauth} = await setup(t)
  const err = await connectQbo({
    config,
    store,
    oauth,
    logger: silentLogger,
    port: 0,
    timeoutMs: 200,
    showUrl: () => {},
  }).catch((e: unknown) => e)
  assert.ok(err instanceof AuthError)
  assert.match(err.message, /within/)
  assert.match(err.next, /--timeout/)
})
