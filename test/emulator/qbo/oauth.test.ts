import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {type QboEmulator, startQboEmulator} from '../../../src/emulator/qbo/index.js'
import {raw} from './client.js'

const CLIENT = 'qbo-emulator-client'
const SECRET = 'qbo-emulator-secret'
const REDIRECT = 'http://127.0.0.1:9/callback'
const basic = (id = CLIENT, secret = SECRET) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`

async function clocked(options: {strictRotation?: boolean} = {}) {
  const clock = {t: Date.parse('2026-01-01T00:00:00Z')}
  const emu = await startQboEmulator({now: () => clock.t, ...options})
  return {emu, clock}
}

async function tokenCall(emu: QboEmulator, form: Record<string, string>, auth = basic()) {
  return raw(`${emu.url}/oauth2/v1/tokens/bearer`, {
    method: 'POST',
    headers: {
      authorization: auth,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: new URLSearchParams(form).toString(),
  })
}

async function consentCode(emu: QboEmulator, decision = 'allow'): Promise<URL> {
  const params = {
    client_id: CLIENT,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'com.intuit.quickbooks.accounting',
    state: 's1',
  }
  const page = await raw(`${emu.url}/connect/oauth2?${new URLSearchParams(params)}`)
  assert.equal(page.status, 200)
  assert.match(page.text, /<form method="post" action="\/connect\/oauth2">/)
  assert.match(page.text, /Deny/)
  const r = await fetch(`${emu.url}/connect/oauth2`, {
    method: 'POST',
    headers: {'content-type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({...params, decision}).toString(),
    redirect: 'manual',
  })
  assert.equal(r.status, 302)
  return new URL(r.headers.get('location')!)
}

async function apiStatus(emu: QboEmulator, token: string): Promise<number> {
  return (
    await raw(`${emu.url}/v3/company/${emu.realmId}/companyinfo/${emu.realmId}`, {
      headers: {authorization: `Bearer ${token}`},
    })
  ).status
}

describe('QBO emulator: OAuth 2 over raw HTTP', () => {
  it('consent redirects with code, state and realmId; the code is exchanged once with Basic auth', async () => {
    const {emu} = await clocked()
    try {
      const back = await consentCode(emu)
      assert.equal(back.searchParams.get('state'), 's1')
      assert.equal(back.searchParams.get('realmId'), emu.realmId)
      const code = back.searchParams.get('code')!
      assert.equal(
        (
          await tokenCall(
            emu,
            {grant_type: 'authorization_code', code, redirect_uri: REDIRECT},
            basic(CLIENT, 'wrong'),
          )
        ).json.error,
        'invalid_client',
      )
      const t = await tokenCall(emu, {grant_type: 'authorization_code', code, redirect_uri: REDIRECT})
      assert.equal(t.status, 200)
      assert.equal(t.json.token_type, 'bearer')
      assert.equal(t.json.expires_in, 3600)
      assert.equal(t.json.x_refresh_token_expires_in, 8726400)
      assert.ok(t.json.access_token && t.json.refresh_token)
      assert.equal(await apiStatus(emu, t.json.access_token), 200)
      const reused = await tokenCall(emu, {grant_type: 'authorization_code', code, redirect_uri: REDIRECT})
      assert.equal(reused.status, 400)
      assert.equal(reused.json.error, 'invalid_grant')
      const denied = await consentCode(emu, 'deny')
      assert.equal(denied.searchParams.get('error'), 'access_denied')
      assert.equal(denied.searchParams.get('code'), null)
    } finally {
      await emu.close()
    }
  })

  it('access tokens expire after an hour; a bad bearer gets 401 in the gateway envelope', async () => {
    const {emu, clock} = await clocked()
    try {
      const t = (await raw(`${emu.url}/_emulator/tokens`, {method: 'POST', body: '{}'})).json
      assert.equal(await apiStatus(emu, t.access_token), 200)
      clock.t += 3600_000
      const r = await raw(`${emu.url}/v3/company/${emu.realmId}/companyinfo/${emu.realmId}`, {
        headers: {authorization: `Bearer ${t.access_token}`},
      })
      assert.equal(r.status, 401)
      assert.equal(r.json.fault.error[0].code, '3200')
      assert.equal(r.json.fault.type, 'AUTHENTICATION')
      assert.equal(typeof r.json.time, 'number')
      assert.ok(r.headers.get('intuit_tid'))
      const other = (
        await raw(`${emu.url}/v3/company/123/companyinfo/123`, {
          headers: {
            authorization: `Bearer ${(await raw(`${emu.url}/_emulator/tokens`, {method: 'POST'})).json.access_token}`,
          },
        })
      ).status
      assert.equal(other, 403)
    } finally {
      await emu.close()
    }
  })

  it('rotates the refresh token about daily; the superseded one works 24 h more, then invalid_grant', async () => {
    const {emu, clock} = await clocked()
    try {
      const rt0 = (await raw(`${emu.url}/_emulator/tokens`, {method: 'POST'})).json.refresh_token
      const same = (await tokenCall(emu, {grant_type: 'refresh_token', refresh_token: rt0})).json
      assert.equal(same.refresh_token, rt0)
      assert.equal(await apiStatus(emu, same.access_token), 200)
      clock.t += 24 * 3600_000
      const rotated = (await tokenCall(emu, {grant_type: 'refresh_token', refresh_token: rt0})).json
      assert.notEqual(rotated.refresh_token, rt0)
      clock.t += 23 * 3600_000
      const grace = await tokenCall(emu, {grant_type: 'refresh_token', refresh_token: rt0})
      assert.equal(grace.status, 200)
      assert.equal(grace.json.refresh_token, rotated.refresh_token)
      clock.t += 2 * 3600_000
      const late = await tokenCall(emu, {grant_type: 'refresh_token', refresh_token: rt0})
      assert.equal(late.status, 400)
      assert.equal(late.json.error, 'invalid_grant')
      assert.equal(
        (await tokenCall(emu, {grant_type: 'refresh_token', refresh_token: rotated.refresh_token})).status,
        200,
      )
      assert.equal(
        (await tokenCall(emu, {grant_type: 'refresh_token', refresh_token: 'nope'})).json.error,
        'invalid_grant',
      )
    } finally {
      await emu.close()
    }
  })

  it('strict rotation issues a new refresh token every time and refuses the old one at once', async () => {
    const {emu} = await clocked({strictRotation: true})
    try {
      const rt0 = (await raw(`${emu.url}/_emulator/tokens`, {method: 'POST'})).json.refresh_token
      const rt1 = (await tokenCall(emu, {grant_type: 'refresh_token', refresh_token: rt0})).json.refresh_token
      assert.notEqual(rt1, rt0)
      assert.equal(
        (await tokenCall(emu, {grant_type: 'refresh_token', refresh_token: rt0})).json.error,
        'invalid_grant',
      )
      assert.equal((await tokenCall(emu, {grant_type: 'refresh_token', refresh_token: rt1})).status, 200)
    } finally {
      await emu.close()
    }
  })

  it('time scale shortens token lifetimes; revoke disconnects both tokens', async () => {
    const clock = {t: 0}
    const emu = await startQboEmulator({now: () => clock.t, timeScale: 60})
    try {
      const t = (await raw(`${emu.url}/_emulator/tokens`, {method: 'POST'})).json
      assert.equal(t.expires_in, 60)
      clock.t += 61_000
      assert.equal(await apiStatus(emu, t.access_token), 401)
      const fresh = (await tokenCall(emu, {grant_type: 'refresh_token', refresh_token: t.refresh_token})).json
      const rv = await raw(`${emu.url}/oauth2/v1/tokens/revoke`, {
        method: 'POST',
        headers: {authorization: basic(), 'content-type': 'application/json'},
        body: JSON.stringify({token: fresh.refresh_token}),
      })
      assert.equal(rv.status, 200)
      assert.equal(await apiStatus(emu, fresh.access_token), 401)
      assert.equal(
        (await tokenCall(emu, {grant_type: 'refresh_token', refresh_token: fresh.refresh_token})).json.error,
        'invalid_grant',
      )
    } finally {
      await emu.close()
    }
  })
})
