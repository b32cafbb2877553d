import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {createServer} from 'node:net'
import {join} from 'node:path'
import {test} from 'node:test'
import {fileURLToPath} from 'node:url'

import {startXeroEmulator} from '../../src/emulator/xero/index.js'
import {TokenStore} from '../../src/qbo/token-store.js'
import {runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'

const DEV = fileURLToPath(new URL('../../bin/dev.js', import.meta.url))

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const {port} = server.address() as {port: number}
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

test('auth connect --provider xero stores the tenant tokens encrypted; the extract then uses them', async (t) => {
  const emulator = await startXeroEmulator({company: 'test/fixtures/xero-api'})
  t.after(() => emulator.close())
  const dir = tempDir(t)
  const env = {
    ...process.env,
    NO_COLOR: '1',
    XERO_BASE_URL: emulator.url,
    XERO_CLIENT_ID: 'app',
    XERO_CLIENT_SECRET: 'app-secret',
    XERO_REDIRECT_URI: `http://127.0.0.1:${await freePort()}/cb`,
    QBO_TOKEN_FILE: join(dir, 'tokens.json'),
    QBO_TOKEN_PASSPHRASE: 'test passphrase',
  }
  const child = spawn(
    process.execPath,
    [DEV, 'auth', 'connect', '--provider', 'xero', '--no-browser', '--json'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    },
  )
  let stdout = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  const consentUrl = await new Promise<string>((resolve, reject) => {
    let err = ''
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString()
      const m = /(http:\/\/127\.0\.0\.1:\d+\/identity\/connect\/authorize\S+)/.exec(err)
      if (m) resolve(m[1]!)
    })
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)))
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  await fetch(consentUrl) // the "browser": the emulator approves and redirects to the callback
  assert.equal(await exited, 0)
  const result = JSON.parse(stdout) as {tenants: {tenantId: string; tenantName: string}[]}
  assert.deepEqual(result.tenants, [{tenantId: emulator.tenantId, tenantName: 'Koala Demo Pty Ltd'}])

  const store = new TokenStore({file: env.QBO_TOKEN_FILE, passphrase: env.QBO_TOKEN_PASSPHRASE})
  const [entry] = store.listXero()
  assert.equal(entry?.tenantId, emulator.tenantId)
  assert.ok(entry?.refreshToken)
  assert.deepEqual(store.list(), [], 'no QBO realm was touched')

  // `auth status` lists the Xero organisation beside the (here absent) QuickBooks companies.
  const status = await runCli(['auth', 'status', '--json'], {env})
  assert.equal(status.code, 0, status.stderr)
  const listed = JSON.parse(status.stdout) as {realms: unknown[]; xero: Record<string, unknown>[]}
  assert.deepEqual(listed.realms, [])
  assert.deepEqual(
    listed.xero.map((x) => [x.tenantId, x.tenantName, x.hasRefreshToken]),
    [[emulator.tenantId, 'Koala Demo Pty Ltd', true]],
  )
  const human = await runCli(['auth', 'status'], {env})
  assert.match(human.stdout, new RegExp(`Xero organisation ${emulator.tenantId} \\(Koala Demo Pty Ltd\\)`))

  // Identity calls (token, connections) are the requests that are not API calls.
  const identityCalls = () => emulator.stats().requests - emulator.stats().apiCalls
  const before = identityCalls()
  const extract = await runCli(
    ['migrate', 'extract', '--from', 'xero-api', '--db', join(dir, 'm.db'), '--json'],
    {env},
  )
  assert.equal(extract.code, 0, extract.stderr)
  assert.ok(((JSON.parse(extract.stdout) as {counts: Record<string, number>}).counts.invoice ?? 0) > 0)
  assert.equal(identityCalls(), before, 'the stored token was used, not client credentials')

  // Revoking ends the connection at Xero (the refresh token no longer works) and empties the store.
  const revokedToken = store.listXero()[0]?.refreshToken
  assert.ok(revokedToken)
  const wrong = await runCli(['auth', 'revoke', '--tenant', emulator.tenantId], {env})
  assert.equal(wrong.code, 2, 'a --tenant without --provider xero is a usage error')
  const revoke = await runCli(['auth', 'revoke', '--provider', 'xero', '--json'], {env})
  assert.equal(revoke.code, 0, revoke.stderr)
  assert.deepEqual(JSON.parse(revoke.stdout), {revoked: [emulator.tenantId]})
  assert.deepEqual(store.listXero(), [])
  const refresh = await fetch(`${emulator.url}/connect/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('app:app-secret').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({grant_type: 'refresh_token', refresh_token: revokedToken}),
  })
  assert.equal(refresh.status, 400, 'the revoked refresh token is refused')
  const again = await runCli(['auth', 'revoke', '--provider', 'xero'], {env})
  assert.equal(again.code, 1)
  assert.match(again.stderr, /No Xero organisation is connected/)
})
