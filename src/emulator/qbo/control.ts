import type {ServerResponse} from 'node:http'

import {z} from 'zod'

import {REALM_ID} from './companies.js'
import {type Core, resetCompany, stats, totalStats} from './core.js'
import {sentEmails} from './documents.js'
import {setPoCustomFields, setRefuseSparse} from './entities/purchase-order.js'
import {parseFaultSpec} from './fault-injection.js'
import {sendJson} from './http.js'
import type {EmulatorState} from './state.js'

const tokensBody = z.object({realmId: z.string().regex(REALM_ID).optional()}).strict()
/** What QBO's settings screen does for purchase orders (custom field names), plus a switch for tests. */
const purchaseOrderSettings = z
  .object({customFields: z.array(z.string()).max(3).optional(), refuseSparse: z.boolean().optional()})
  .strict()

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/**
 * The emulator's own endpoints (CLI.md): not QBO's, for scripts and tests. `?realmId=` narrows reset,
 * stats and faults to one company; without it they apply to every company (faults: to every company
 * that has no spec of its own).
 */
export function control(
  state: EmulatorState,
  method: string,
  url: URL,
  body: string,
  res: ServerResponse,
): void {
  const path = url.pathname
  const realmParam = url.searchParams.get('realmId') ?? undefined
  const json = (): unknown => {
    if (!body.trim()) return {}
    return JSON.parse(body) as unknown
  }
  const company = (): Core => {
    const core = realmParam === undefined ? undefined : state.companies.get(realmParam)
    if (!core)
      throw new ControlError(
        404,
        `No company with realmId ${realmParam}; create one with POST /_emulator/tokens {"realmId": "${realmParam}"}`,
      )
    return core
  }
  /** The company named by ?realmId=, else the default one (where a test's purchase orders live). */
  const target = (): Core => (realmParam === undefined ? state.companies.open(state.defaultRealm) : company())
  try {
    if (method === 'POST' && path === '/_emulator/tokens') {
      const parsed = tokensBody.safeParse(json())
      if (!parsed.success)
        return sendJson(res, 400, {error: 'Body must be {"realmId"?: string of letters, digits, - or _}'})
      // A realm seen for the first time is a new company, as a new sandbox company would be.
      const realmId = state.companies.open(parsed.data.realmId ?? state.defaultRealm).realmId
      const t = state.tokens.issue(realmId)
      return sendJson(res, 200, {
        access_token: t.access_token,
        refresh_token: t.refresh_token,
        realmId,
        expires_in: t.expires_in,
        x_refresh_token_expires_in: t.x_refresh_token_expires_in,
      })
    }
    if (method === 'POST' && path === '/_emulator/reset') {
      const targets = realmParam === undefined ? state.companies.all() : [company()]
      for (const core of targets) resetCompany(core)
      return sendJson(res, 200, {reset: true, realms: targets.map((c) => c.realmId)})
    }
    if (method === 'GET' && path === '/_emulator/stats') {
      if (realmParam !== undefined) return sendJson(res, 200, stats(company()))
      const all = state.companies.all()
      return sendJson(res, 200, {
        ...totalStats(all),
        realms: Object.fromEntries(all.map((c) => [c.realmId, stats(c)])),
      })
    }
    if (method === 'GET' && path === '/_emulator/faults') return sendJson(res, 200, state.faults.describe())
    if (method === 'GET' && path === '/_emulator/emails')
      return sendJson(res, 200, {emails: sentEmails(target())})
    if (method === 'PUT' && path === '/_emulator/purchase-orders') {
      const parsed = purchaseOrderSettings.safeParse(json())
      if (!parsed.success)
        return sendJson(res, 400, {
          error: 'Body must be {"customFields"?: string[] (≤3), "refuseSparse"?: boolean}',
        })
      if (parsed.data.customFields) setPoCustomFields(target().store, parsed.data.customFields)
      if (parsed.data.refuseSparse !== undefined) setRefuseSparse(target().store, parsed.data.refuseSparse)
      return sendJson(res, 200, parsed.data)
    }
    if (method === 'PUT' && path === '/_emulator/faults') {
      const raw = json()
      const spec = parseFaultSpec(
        typeof raw === 'string'
          ? raw
          : (z.object({spec: z.string()}).safeParse(raw).data?.spec ?? (raw as Record<string, unknown>)),
      )
      state.faults.set(spec, realmParam === undefined ? undefined : company().realmId)
      return sendJson(res, 200, {faults: spec, ...(realmParam === undefined ? {} : {realmId: realmParam})})
    }
    if (method === 'DELETE' && path === '/_emulator/faults') {
      if (realmParam === undefined) throw new ControlError(400, 'DELETE /_emulator/faults needs ?realmId=')
      state.faults.clear(company().realmId)
      return sendJson(res, 200, state.faults.describe())
    }
    return sendJson(res, 404, {error: `No emulator endpoint ${method} ${path}`})
  } catch (e) {
    return sendJson(res, e instanceof ControlError ? e.status : 400, {error: (e as Error).message})
  }
}
