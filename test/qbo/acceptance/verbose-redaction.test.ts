// Acceptance: commands run with --verbose print no token, secret or Authorization value.
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {test} from 'node:test'

import {TokenStore} from '../../../src/qbo/token-store.js'
import {runCli} from '../../helpers/cli.js'
import {tempDir} from '../../helpers/temp.js'
import {CLIENT_SECRET, envFor} from '../helpers.js'
import {controlTokens, startServer} from './server.js'

test(
  'auth status --check / revoke with --verbose leak no token, secret or Authorization header',
  {timeout: 120_000},
  async (t) => {
    const server = await startServer({strictRotation: true})
    t.after(() => server.close())
    const file = join(tempDir(t), 'tokens.json')
    const seed = await controlTokens(server.url)
    const env = envFor(server.url, file, {
      QBO_REFRESH_TOKEN: seed.refresh_token,
      QBO_REALM_ID: server.realmId,
    })
    const secrets = new Set([CLIENT_SECRET, seed.refresh_token, seed.access_token])
    const outputs: string[] = []
    const store = new TokenStore({file})

    for (const args of [
      ['auth', 'status', '--check', '--verbose'],
      ['auth', 'status', '--check', '--verbose', '--json'],
    ]) {
      const r = await runCli(args, {env})
      assert.equal(r.code, 0, r.stderr)
      outputs.push(r.stdout, r.stderr)
      const e = store.get(server.realmId)
      assert.ok(e)
      secrets.add(e.accessToken).add(e.refreshToken)
    }
    // An error path: the superseded seed token (strict rotation) fails with invalid_grant, under --verbose.
    const stale = await runCli(['auth', 'status', '--check', '--verbose'], {
      env: {...env, QBO_TOKEN_FILE: join(tempDir(t), 'other.json')},
    })
    outputs.push(stale.stdout, stale.stderr)
    assert.match(stale.stdout + stale.stderr, /invalid_grant/)
    // A wrong client secret: rejected, and the wrong secret is not echoed either.
    const wrongSecret = 'wrong-secret-value-1234567890'
    secrets.add(wrongSecret)
    const bad = await runCli(['auth', 'status', '--check', '--verbose'], {
      env: {...env, QBO_CLIENT_SECRET: wrongSecret},
    })
    outputs.push(bad.stdout, bad.stderr)
    const revoke = await runCli(['auth', 'revoke', '--verbose'], {env})
    assert.equal(revoke.code, 0, revoke.stderr)
    outputs.push(revoke.stdout, revoke.stderr)

    const all = outputs.join('\n')
    assert.ok(all.length > 0)
    for (const s of secrets) assert.ok(!all.includes(s), `a secret of ${s.length} characters leaked`)
    assert.doesNotMatch(all, /authorization\s*[:=]\s*["']?(bearer|basic)\s+(?!\[REDACTED\])/i)
    assert.doesNotMatch(all, /Bearer [A-Za-z0-9]/)
    assert.doesNotMatch(all, /Basic [A-Za-z0-9]/)
  },
)
