import type {ServerResponse} from 'node:http'

import {z} from 'zod'

import {type Core, resetCompany, stats} from './core.js'
import {sentEmails} from './documents.js'
import {setPoCustomFields, setRefuseSparse} from './entities/purchase-order.js'
import {parseFaultSpec} from './fault-injection.js'
import {sendJson} from './http.js'

const tokensBody = z.object({realmId: z.string().optional()}).strict()
/** What QBO's settings screen does for purchase orders (custom field names), plus a switch for tests. */
const purchaseOrderSettings = z
  .object({customFields: z.array(z.string()).max(3).optional(), refuseSparse: z.boolean().optional()})
  .strict()

/** The emulator's own endpoints (CLI.md): not QBO's, for scripts and tests. */
export function control(core: Core, method: string, path: string, body: string, res: ServerResponse): void {
  const json = (): unknown => {
    if (!body.trim()) return {}
    return JSON.parse(body) as unknown
  }
  try {
    if (method === 'POST' && path === '/_emulator/tokens') {
      const parsed = tokensBody.safeParse(json())
      if (!parsed.success) return sendJson(res, 400, {error: 'Body must be {"realmId"?: string}'})
      const realmId = parsed.data.realmId ?? core.realmId
      if (realmId !== core.realmId)
        return sendJson(res, 400, {error: `This emulator serves realm ${core.realmId} only`})
      const t = core.tokens.issue(realmId)
      return sendJson(res, 200, {
        access_token: t.access_token,
        refresh_token: t.refresh_token,
        realmId,
        expires_in: t.expires_in,
        x_refresh_token_expires_in: t.x_refresh_token_expires_in,
      })
    }
    if (method === 'POST' && path === '/_emulator/reset') {
      resetCompany(core)
      return sendJson(res, 200, {reset: true})
    }
    if (method === 'GET' && path === '/_emulator/stats') return sendJson(res, 200, stats(core))
    if (method === 'GET' && path === '/_emulator/emails')
      return sendJson(res, 200, {emails: sentEmails(core)})
    if (method === 'PUT' && path === '/_emulator/purchase-orders') {
      const parsed = purchaseOrderSettings.safeParse(json())
      if (!parsed.success)
        return sendJson(res, 400, {
          error: 'Body must be {"customFields"?: string[] (≤3), "refuseSparse"?: boolean}',
        })
      if (parsed.data.customFields) setPoCustomFields(core.store, parsed.data.customFields)
      if (parsed.data.refuseSparse !== undefined) setRefuseSparse(core.store, parsed.data.refuseSparse)
      return sendJson(res, 200, parsed.data)
    }
    if (method === 'PUT' && path === '/_emulator/faults') {
      const raw = json()
      const spec = parseFaultSpec(
        typeof raw === 'string'
          ? raw
          : (z.object({spec: z.string()}).safeParse(raw).data?.spec ?? (raw as Record<string, unknown>)),
      )
      core.faults.set(spec)
      return sendJson(res, 200, {faults: spec})
    }
    return sendJson(res, 404, {error: `No emulator endpoint ${method} ${path}`})
  } catch (e) {
    return sendJson(res, 400, {error: (e as Error).message})
  }
}
