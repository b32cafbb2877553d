// Acceptance: four processes each doing 50 refresh cycles at once in strict-rotation mode.
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {join} from 'node:path'
import {test} from 'node:test'
import {fileURLToPath} from 'node:url'

import {silentLogger} from '../../../src/ui/logger.js'
import {openQboSession} from '../../../src/qbo/session.js'
import {tempDir} from '../../helpers/temp.js'
import {envFor} from '../helpers.js'
import {controlTokens, startServer} from './server.js'

const WORKER = fileURLToPath(new URL('./refresh-worker.ts', import.meta.url))

function worker(
  env: NodeJS.ProcessEnv,
  realmId: string,
  cycles: number,
): Promise<{ok: number; invalidGrant: number; errors: string[]}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, realmId, String(cycles)], {
      env: {...process.env, ...env},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as {ok: number; invalidGrant: number; errors: string[]})
        : reject(new Error(`worker exited ${code}: ${err}`)),
    )
  })
}

test(
  '4 processes x 50 refresh cycles under strict rotation: no invalid_grant, the store ends with the newest token',
  {timeout: 180_000},
  async (t) => {
    // Four processes pace themselves separately, so together they can pass QBO's 10 requests a second for
    // one realm; a QBO second of 17 ms keeps this test about rotation, not about throttling.
    const server = await startServer({strictRotation: true, timeScale: 60})
    t.after(() => server.close())
    const file = join(tempDir(t), 'tokens.json')
    const seed = await controlTokens(server.url)
    // Headless seeding: the store starts empty and is seeded from QBO_REFRESH_TOKEN + QBO_REALM_ID.
    const env = envFor(server.url, file, {
      QBO_REFRESH_TOKEN: seed.refresh_token,
      QBO_REALM_ID: server.realmId,
    })
    const results = await Promise.all([1, 2, 3, 4].map(() => worker(env, server.realmId, 50)))
    for (const r of results) {
      assert.equal(r.invalidGrant, 0, r.errors.join('\n'))
      assert.equal(r.ok, 50, r.errors.join('\n'))
    }
    // Strict rotation rejects every superseded refresh token: if the store did not hold the newest one,
    // this refresh would fail with invalid_grant.
    const session = openQboSession(envFor(server.url, file), silentLogger)
    const before = session.store.get(server.realmId)?.refreshToken
    const after = await session.keeper.refreshNow(server.realmId)
    assert.notEqual(after.refreshToken, before)
  },
)
