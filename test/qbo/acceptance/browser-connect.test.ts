// Acceptance: one-time browser OAuth end to end, in a real headless Chromium (playwright-core).
import assert from 'node:assert/strict'
import {existsSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import {chromium} from 'playwright-core'

import {runCli} from '../../helpers/cli.js'
import {tempDir} from '../../helpers/temp.js'
import {envFor} from '../helpers.js'
import {startCli} from './cli-process.js'
import {startServer} from './server.js'

const CHROMIUM = '/usr/bin/chromium'
const skip = existsSync(CHROMIUM)
  ? false
  : `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`

async function consent(url: string, button: 'button[value=allow]' | 'button[value=deny]') {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
  try {
    const page = await browser.newPage()
    await page.goto(url)
    await Promise.all([page.waitForURL(/\/cb\?/), page.click(button)])
    return await page.content()
  } finally {
    await browser.close()
  }
}

test(
  'auth connect --no-browser: Chromium consents, the callback is received, status shows the realm',
  {skip, timeout: 120_000},
  async (t) => {
    const server = await startServer()
    t.after(() => server.close())
    const file = join(tempDir(t), 'cfg', 'tokens.json')
    const env = envFor(server.url, file)
    const cli = startCli(['auth', 'connect', '--no-browser', '--port', '0', '--json', '--timeout', '60'], env)
    t.after(() => cli.child.kill())
    const [, url] = await cli.waitForStderr(/(http:\/\/127\.0\.0\.1:\d+\/connect\/oauth2\?\S+)/)
    const page = await consent(String(url), 'button[value=allow]')
    assert.match(page, /Connected/)
    assert.equal(await cli.exited, 0, cli.stderr())
    const connected = JSON.parse(cli.stdout()) as {realmId: string; companyName: string}
    assert.equal(connected.realmId, server.realmId)
    assert.ok(connected.companyName.length > 0)

    const status = await runCli(['auth', 'status', '--json'], {env})
    assert.equal(status.code, 0, status.stderr)
    const doc = JSON.parse(status.stdout) as {realms: {realmId: string; companyName: string | null}[]}
    assert.deepEqual(
      doc.realms.map((r) => r.realmId),
      [server.realmId],
    )

    const raw = readFileSync(file, 'utf8')
    assert.equal(statSync(file).mode & 0o777, 0o600)
    assert.doesNotMatch(raw, /access_token|refresh_token|accessToken|refreshToken/)
    const stored = JSON.parse(raw) as Record<string, unknown>
    assert.deepEqual(Object.keys(stored).sort(), ['data', 'format', 'iv', 'kdf', 'salt', 'tag', 'version'])
  },
)

test('auth connect: a denied consent is a clear AUTH error', {skip, timeout: 120_000}, async (t) => {
  const server = await startServer()
  t.after(() => server.close())
  const env = envFor(server.url, join(tempDir(t), 'tokens.json'))
  const cli = startCli(['auth', 'connect', '--no-browser', '--port', '0', '--json', '--timeout', '60'], env)
  t.after(() => cli.child.kill())
  const [, url] = await cli.waitForStderr(/(http:\/\/127\.0\.0\.1:\d+\/connect\/oauth2\?\S+)/)
  await consent(String(url), 'button[value=deny]')
  assert.equal(await cli.exited, 1)
  const doc = JSON.parse(cli.stdout()) as {error: {code: string; message: string; next: string}}
  assert.equal(doc.error.code, 'AUTH')
  assert.match(doc.error.message, /not granted/)
  assert.match(doc.error.next, /qbo auth connect/)
})
