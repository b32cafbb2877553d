// The dashboard's doors, tried with raw HTTP: 127.0.0.1 only, the session token, the same-origin rule for
// every POST, the Host check against DNS rebinding, and uploads limited in size and type with clear answers.
import assert from 'node:assert/strict'
import {request} from 'node:http'
import {after, before, describe, it} from 'node:test'

import {type Dashboard, startDashboard} from '../../src/dashboard/server.js'
import {AuthError} from '../../src/domain/errors.js'
import {openStaging, type Staging} from '../../src/staging/index.js'
import {silentLogger} from '../../src/ui/logger.js'

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  json?: {error?: {code: string; message: string; next: string}} & Record<string, unknown>
}

function call(
  d: Dashboard,
  path: string,
  options: {method?: string; headers?: Record<string, string>; body?: string | Buffer} = {},
): Promise<Answer> {
  const {port} = new URL(d.origin)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: Number(port),
        path,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8')
          let json
          try {
            json = JSON.parse(body) as Answer['json']
          } catch {
            json = undefined
          }
          resolve({status: res.statusCode ?? 0, headers: res.headers, body, json})
        })
      },
    )
    req.on('error', reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

describe('qbo dashboard: who may use it', () => {
  let d: Dashboard
  let staging: Staging
  let own: Record<string, string>
  before(async () => {
    staging = openStaging(':memory:')
    d = await startDashboard({
      port: 0,
      deps: {
        staging,
        dbPath: ':memory:',
        logger: silentLogger,
        actor: 'tester',
        now: Date.now,
        sleep: async () => {},
        qbo: () => {
          throw new AuthError('No QuickBooks Online company is connected.', {
            next: 'Run `qbo auth connect` once.',
          })
        },
        uploadLimit: 4096,
      },
    })
    own = {'X-Qbo-Token': d.token, Origin: d.origin, 'Content-Type': 'application/json'}
  })
  after(async () => {
    await d.close()
    staging.close()
  })

  it('listens on 127.0.0.1 with a random token in the URL, and serves the page only with it', async () => {
    assert.match(d.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/)
    assert.equal((await call(d, '/prices')).status, 403)
    assert.equal((await call(d, '/prices?token=wrong')).status, 403)
    const page = await call(d, `/prices?token=${d.token}`)
    assert.equal(page.status, 200)
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'; script-src 'self'/)
    assert.equal(page.headers['x-frame-options'], 'DENY')
    assert.doesNotMatch(page.body, /https?:\/\/(?!127\.0\.0\.1)/, 'nothing loaded from elsewhere')
    assert.equal((await call(d, '/assets/prices.js')).status, 200, 'assets need no token: they hold no data')
    assert.equal((await call(d, '/assets/%2e%2e%2fserver.ts')).status, 404)
    assert.equal((await call(d, '/assets/server.ts')).status, 404)
  })

  it('refuses another Host (DNS rebinding) even with the token', async () => {
    const r = await call(d, `/prices?token=${d.token}`, {
      headers: {Host: `evil.example:${new URL(d.origin).port}`},
    })
    assert.equal(r.status, 421)
  })

  it('takes a POST only with the token header, from its own origin, with a JSON or file body', async () => {
    const post = (headers: Record<string, string>, path = '/api/prices/profiles') =>
      call(d, path, {method: 'POST', headers, body: '{"name":"x"}'})
    const {Origin: _o, ...noOrigin} = own
    assert.equal((await post(noOrigin)).status, 403, 'no Origin')
    assert.equal((await post({...own, Origin: 'http://evil.example'})).status, 403, 'another origin')
    assert.equal((await post({...own, 'Sec-Fetch-Site': 'cross-site'})).status, 403, 'a cross-site fetch')
    const {'X-Qbo-Token': _t, ...noToken} = own
    assert.equal(
      (await post(noToken, `/api/prices/profiles?token=${d.token}`)).status,
      403,
      'token in the URL only',
    )
    assert.equal((await post({...own, 'Content-Type': 'text/plain'})).status, 415, 'a form-like body')
    const ok = await post(own)
    assert.equal(ok.status, 400, 'let in, and the profile refused for what it lacks')
    assert.match(ok.json?.error?.message ?? '', /The profile "x" is not valid: supplier/)
  })

  it('limits uploads in size and type, and says what is wrong with a bad file', async () => {
    const up = (name: string, body: Buffer | string) =>
      call(d, '/api/prices/uploads', {
        method: 'POST',
        headers: {
          ...own,
          'Content-Type': 'application/octet-stream',
          'X-File-Name': encodeURIComponent(name),
        },
        body,
      })
    const html = await up('list.html', '<script>alert(1)</script>')
    assert.equal(html.status, 415)
    assert.match(
      html.json?.error?.message ?? '',
      /list\.html is not a price list the dashboard reads: drop a \.xlsx or \.csv file/,
    )
    const big = await up('big.csv', 'Code,Price\n' + 'A,1\n'.repeat(2000))
    assert.equal(big.status, 413)
    assert.match(big.json?.error?.message ?? '', /larger than/)
    const fake = await up('list.xlsx', 'Code,Price\nA,1\n')
    assert.equal(fake.status, 400)
    assert.match(fake.json?.error?.message ?? '', /named \.xlsx but is not an Excel workbook/)
    assert.match(fake.json?.error?.next ?? '', /save it as \.xlsx or CSV/)
    const old = await up('list.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    assert.equal(old.status, 415)
    const good = await up('../../etc/list.csv', 'Our list\nCode,Description,Price Ex GST\nA-1,Thing,4.50\n')
    assert.equal(good.status, 200, good.body)
    assert.equal(good.json?.fileName, 'list.csv', 'a path in the name is dropped')
    assert.deepEqual(
      (good.json?.guess as {headerRow: number; codeColumn: string; costColumn: string}) ?? {},
      {
        ...(good.json?.guess as object),
        headerRow: 2,
        codeColumn: 'Code',
        costColumn: 'Price Ex GST',
      },
    )
  })

  it('answers a QBO that is not connected with what to do, not a stack trace', async () => {
    const r = await call(d, '/api/prices/setup', {headers: {'X-Qbo-Token': d.token}})
    assert.equal(r.status, 502)
    assert.deepEqual(r.json?.error, {
      code: 'AUTH',
      message: 'No QuickBooks Online company is connected.',
      next: 'Run `qbo auth connect` once.',
    })
  })
})
