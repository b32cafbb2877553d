import type {IncomingMessage, ServerResponse} from 'node:http'

import {z} from 'zod'

import {basicAuth, escapeHtml, readBody, redirect, sendJson, sendText} from './http.js'
import type {TokenService} from './tokens.js'

export interface OAuthConfig {
  clientId: string
  clientSecret: string
  /** The company offered first on the consent page. */
  defaultRealm: string
  /** Every company the user may connect (the emulator's companies). */
  realms: () => string[]
  tokens: TokenService
}

const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting'

const authorizeQuery = z.object({
  client_id: z.string().min(1),
  redirect_uri: z.string().url(),
  response_type: z.literal('code'),
  scope: z.string().min(1),
  state: z.string().optional(),
})

const consentForm = authorizeQuery.extend({
  decision: z.enum(['allow', 'deny']),
  realmId: z.string().optional(),
})

/** GET: the consent page (an HTML form). POST: the user's answer, redirected back to the app. */
export async function consent(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  cfg: OAuthConfig,
): Promise<void> {
  const raw =
    req.method === 'POST'
      ? Object.fromEntries(new URLSearchParams(await readBody(req)))
      : Object.fromEntries(url.searchParams)
  const schema = req.method === 'POST' ? consentForm : authorizeQuery
  const parsed = schema.safeParse(raw)
  if (!parsed.success || parsed.data.client_id !== cfg.clientId) {
    const why = parsed.success
      ? 'invalid_client: unknown client_id'
      : `invalid_request: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')} missing or invalid`
    return sendText(
      res,
      400,
      'text/html;charset=UTF-8',
      `<!doctype html><title>Error</title><h1>Authorization error</h1><p>${escapeHtml(why)}</p>`,
    )
  }
  const q = parsed.data
  const back = new URL(q.redirect_uri)
  if (q.state !== undefined) back.searchParams.set('state', q.state)
  if (req.method === 'POST') {
    const {decision, realmId: chosen} = q as z.infer<typeof consentForm>
    // As at Intuit, the user picks one of their companies; anything else falls back to the first one.
    const realmId = chosen && cfg.realms().includes(chosen) ? chosen : cfg.defaultRealm
    if (decision === 'deny' || !q.scope.split(/[ +]/).includes(ACCOUNTING_SCOPE)) {
      back.searchParams.set('error', decision === 'deny' ? 'access_denied' : 'invalid_scope')
    } else {
      back.searchParams.set('code', cfg.tokens.createCode(q.client_id, q.redirect_uri, realmId))
      back.searchParams.set('realmId', realmId)
    }
    return redirect(res, back.toString())
  }
  const realms = [cfg.defaultRealm, ...cfg.realms().filter((r) => r !== cfg.defaultRealm)]
  const options = realms
    .map((r) => `<option value="${escapeHtml(r)}">Company ${escapeHtml(r)}</option>`)
    .join('')
  const hidden = Object.entries(q)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(String(v))}">`)
    .join('\n    ')
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Connect to QuickBooks (emulator)</title></head>
<body>
  <h1>Connect your app to QuickBooks (emulated)</h1>
  <p>The app wants access to one of your companies with scope ${escapeHtml(q.scope)}.</p>
  <form method="post" action="/connect/oauth2">
    ${hidden}
    <label for="realmId">Company</label>
    <select name="realmId" id="realmId">${options}</select>
    <button type="submit" name="decision" value="allow" id="connect">Connect</button>
    <button type="submit" name="decision" value="deny" id="deny">Deny</button>
  </form>
</body></html>`
  return sendText(res, 200, 'text/html;charset=UTF-8', html)
}

const tokenForm = z.discriminatedUnion('grant_type', [
  z.object({
    grant_type: z.literal('authorization_code'),
    code: z.string().min(1),
    redirect_uri: z.string().optional(),
  }),
  z.object({grant_type: z.literal('refresh_token'), refresh_token: z.string().min(1)}),
])

function clientOk(req: IncomingMessage, cfg: OAuthConfig): boolean {
  const creds = basicAuth(req)
  return !!creds && creds.user === cfg.clientId && creds.pass === cfg.clientSecret
}

/** POST /oauth2/v1/tokens/bearer: form body, HTTP Basic client authentication, QBO's JSON. */
export async function bearer(req: IncomingMessage, res: ServerResponse, cfg: OAuthConfig): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, {error: 'invalid_request'})
  if (!clientOk(req, cfg)) return sendJson(res, 401, {error: 'invalid_client'})
  const form = Object.fromEntries(new URLSearchParams(await readBody(req)))
  if (form.grant_type !== 'authorization_code' && form.grant_type !== 'refresh_token')
    return sendJson(res, 400, {error: 'unsupported_grant_type'})
  const parsed = tokenForm.safeParse(form)
  if (!parsed.success) return sendJson(res, 400, {error: 'invalid_request'})
  const g = parsed.data
  if (g.grant_type === 'authorization_code') {
    const tokens = cfg.tokens.exchangeCode(g.code, cfg.clientId, g.redirect_uri)
    if (!tokens) return sendJson(res, 400, {error: 'invalid_grant'})
    const {realmId: _realm, ...body} = tokens
    return sendJson(res, 200, body)
  }
  const out = cfg.tokens.refresh(g.refresh_token)
  if (!out.ok) return sendJson(res, 400, {error: out.error, error_description: out.description})
  const {realmId: _realm, ...body} = out.tokens
  return sendJson(res, 200, body)
}

/** POST revoke: JSON {token} (intuit-oauth) or form token=...; 200 with an empty body, as Intuit answers. */
export async function revoke(req: IncomingMessage, res: ServerResponse, cfg: OAuthConfig): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, {error: 'invalid_request'})
  if (!clientOk(req, cfg)) return sendJson(res, 401, {error: 'invalid_client'})
  const text = await readBody(req)
  let value: unknown
  try {
    value = (JSON.parse(text) as {token?: unknown}).token
  } catch {
    value = new URLSearchParams(text).get('token')
  }
  if (typeof value !== 'string' || !value) return sendJson(res, 400, {error: 'invalid_request'})
  cfg.tokens.revoke(value)
  res.writeHead(200, {'content-length': 0})
  res.end()
}
