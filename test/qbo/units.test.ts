import assert from 'node:assert/strict'
import {readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import {ConfigError} from '../../src/domain/errors.js'
import {prepareBatches, readBatchResponse} from '../../src/qbo/batch.js'
import {endpointsFor} from '../../src/qbo/config.js'
import {parseFaults} from '../../src/qbo/faults.js'
import {quote, select} from '../../src/qbo/query.js'
import {RealmScheduler} from '../../src/qbo/scheduler.js'
import {TokenStore, type TokenEntry} from '../../src/qbo/token-store.js'
import {tempDir} from '../helpers/temp.js'
import {parseQuery} from './fakes/fake-query.js'

const entry = (realmId: string, secret: string): TokenEntry => ({
  realmId,
  accessToken: `access-${secret}`,
  accessExpiresAt: '2030-01-01T00:00:00.000Z',
  refreshToken: `refresh-${secret}`,
  refreshExpiresAt: '2030-04-01T00:00:00.000Z',
  hardExpiresAt: null,
  lastRotatedAt: '2029-12-31T23:00:00.000Z',
})

test('token store: encrypted, mode 0600, key file 0600, one entry per realm', (t) => {
  const file = join(tempDir(t), 'sub', 'tokens.json')
  const store = new TokenStore({file})
  store.put(entry('1', 'SECRETVALUE1'))
  store.put(entry('2', 'SECRETVALUE2'))
  const raw = readFileSync(file, 'utf8')
  assert.doesNotMatch(raw, /SECRETVALUE/)
  assert.equal(statSync(file).mode & 0o777, 0o600)
  assert.equal(statSync(`${file}.key`).mode & 0o777, 0o600)
  assert.deepEqual(
    new TokenStore({file})
      .list()
      .map((e) => e.realmId)
      .sort(),
    ['1', '2'],
  )
  assert.equal(new TokenStore({file}).get('2')?.refreshToken, 'refresh-SECRETVALUE2')
})

test('token store: a passphrase protects it; a wrong passphrase or a damaged file is a ConfigError', (t) => {
  const file = join(tempDir(t), 'tokens.json')
  new TokenStore({file, passphrase: 'correct horse'}).put(entry('1', 'S'))
  assert.equal(new TokenStore({file, passphrase: 'correct horse'}).get('1')?.accessToken, 'access-S')
  assert.throws(() => new TokenStore({file, passphrase: 'wrong'}).get('1'), ConfigError)
  assert.throws(() => new TokenStore({file}).get('1'), ConfigError)
  const sealed = JSON.parse(readFileSync(file, 'utf8')) as {data: string}
  sealed.data = Buffer.from('tampered').toString('base64')
  writeFileSync(file, JSON.stringify(sealed))
  assert.throws(() => new TokenStore({file, passphrase: 'correct horse'}).get('1'), ConfigError)
  writeFileSync(file, '{not json')
  assert.throws(() => new TokenStore({file, passphrase: 'correct horse'}).get('1'), ConfigError)
})

test('faults: JSON envelope, lower-case gateway envelope, XML throttle body', () => {
  assert.deepEqual(
    parseFaults({
      Fault: {
        Error: [{Message: 'Stale Object Error', Detail: 'd', code: '5010', element: ''}],
        type: 'ValidationFault',
      },
      time: 'x',
    }),
    [{code: '5010', message: 'Stale Object Error', detail: 'd', element: '', type: 'ValidationFault'}],
  )
  const gw = parseFaults({
    warnings: null,
    fault: {
      error: [
        {
          message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
          detail: 'Malformed bearer token',
          code: '3200',
          element: null,
        },
      ],
      type: 'AUTHENTICATION',
    },
    time: 1633520295688,
  })
  assert.equal(gw[0]?.code, '3200')
  assert.equal(gw[0]?.element, '')
  const xml = parseFaults(
    '<IntuitResponse time="x"><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message><Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>',
  )
  assert.equal(xml[0]?.code, '3001')
  assert.equal(xml[0]?.type, 'SERVICE')
  assert.match(xml[0]?.detail ?? '', /request limit/)
  assert.deepEqual(parseFaults({QueryResponse: {}}), [])
})

test('query builder escapes apostrophes and backslashes so the value round-trips through a QBO parser', () => {
  for (const name of [
    "Adam's Candy",
    'back\\slash',
    'ends with \\',
    "both \\' mixed",
    'Café Zürich 東京 🍣',
    "''",
  ]) {
    const q = select('Customer').where('DisplayName', '=', name).toString()
    assert.deepEqual(parseQuery(q).where[0]?.values, [name], q)
  }
  assert.equal(quote("Adam's"), "'Adam\\'s'")
  assert.equal(
    select('Invoice')
      .where('TxnDate', '>=', '2024-01-01')
      .where('Id', 'IN', ['1', '2'])
      .orderBy('Id')
      .toString(),
    "SELECT * FROM Invoice WHERE TxnDate >= '2024-01-01' AND Id IN ('1', '2') ORDERBY Id ASC",
  )
  assert.throws(() => select('Customer; DROP'))
  assert.throws(() => select('Customer').where("x' OR '1", '=', 'a'))
})

test('batch chunks: ≤30 items, stable requestids ≤36 and bIds ≤10; unanswered items are faults', () => {
  const items = Array.from({length: 61}, (_, i) => ({
    operation: 'create' as const,
    entity: 'Vendor',
    body: {DisplayName: `V${i}`},
  }))
  const chunks = prepareBatches(items, 'abc')
  assert.deepEqual(
    chunks.map((c) => c.items.length),
    [30, 30, 1],
  )
  assert.ok(chunks.every((c) => c.requestId.length <= 36))
  assert.deepEqual(
    prepareBatches(items, 'abc').map((c) => c.requestId),
    chunks.map((c) => c.requestId),
  )
  assert.equal(new Set(chunks.map((c) => c.requestId)).size, 3)
  assert.throws(() => prepareBatches([{...items[0]!, bId: 'elevenchars'}], 'abc'))
  const first = chunks[0]!
  const r = readBatchResponse(first, {
    BatchItemResponse: [
      {bId: 'b1', Vendor: {Id: '9'}},
      {bId: 'b0', Fault: {Error: [{code: '6240', Message: 'Dup'}], type: 'ValidationFault'}},
    ],
  })
  assert.deepEqual(
    r.successes.map((s) => s.index),
    [1],
  )
  assert.equal(r.faults.length, 29)
  assert.equal(r.faults.find((f) => f.index === 0)?.faults[0]?.code, '6240')
  assert.equal(r.faults.find((f) => f.index === 2)?.faults[0]?.code, 'NO_RESPONSE')
})

test('scheduler: never more than the per-minute cap in a sliding window, nor over the concurrency cap', async () => {
  let now = 0
  const sched = new RealmScheduler({
    limits: {perMinute: 100, concurrent: 3},
    now: () => now,
    sleep: async (ms) => void (now += ms),
  })
  const starts: number[] = []
  let inFlight = 0
  let peak = 0
  await Promise.all(
    Array.from({length: 250}, () =>
      sched.run('single', async () => {
        starts.push(now)
        peak = Math.max(peak, ++inFlight)
        await Promise.resolve()
        inFlight--
      }),
    ),
  )
  assert.ok(peak <= 3)
  for (const s of starts) assert.ok(starts.filter((x) => x > s - 60_000 && x <= s).length <= 95) // 95% of perMinute (the headroom)
  assert.ok(now >= 120_000, 'the 250 requests needed at least three windows')
})

test('scheduler: with QBO limits, never more than 9 starts in any second (10 allowed), even with perMinute raised', async () => {
  let now = 0
  const sched = new RealmScheduler({
    limits: {perMinute: 100_000},
    now: () => now,
    sleep: async (ms) => void (now += ms),
  })
  const starts: number[] = []
  await Promise.all(Array.from({length: 60}, () => sched.run('single', async () => void starts.push(now))))
  for (const s of starts) assert.ok(starts.filter((x) => x > s - 1_000 && x <= s).length <= 9)
  assert.ok(now >= 6_000, 'the 60 requests needed at least six seconds')
})

test('QBO_BASE_URL sends every Intuit endpoint to one base', () => {
  assert.deepEqual(endpointsFor({baseUrl: 'http://127.0.0.1:9/', environment: 'sandbox'}), {
    authorize: 'http://127.0.0.1:9/connect/oauth2',
    token: 'http://127.0.0.1:9/oauth2/v1/tokens/bearer',
    revoke: 'http://127.0.0.1:9/oauth2/v1/tokens/revoke',
    userinfo: 'http://127.0.0.1:9/v1/openid_connect/userinfo',
    api: 'http://127.0.0.1:9',
  })
  assert.equal(
    endpointsFor({baseUrl: undefined, environment: 'production'}).api,
    'https://quickbooks.api.intuit.com',
  )
})
