import {basename} from 'node:path'

import {z} from 'zod'

import {
  applyPriceDiff,
  auditCsv,
  createPriceDiff,
  deleteCode,
  diffView,
  importCodes,
  listCodes,
  listDiffs,
  listProfiles,
  saveProfile,
  setCode,
} from '../../../load/prices/index.js'
import {guessLayout, PRICE_FILE_EXTENSIONS, readSheets} from '../../../sources/price-list/index.js'
import {HttpError, readBody, readJson, send, sendJson} from '../../http.js'
import type {Route, RouteContext} from '../../page.js'
import type {Uploads} from '../../uploads.js'

/** How much of a dropped file the page previews, to pick the header row and columns. */
const PREVIEW_ROWS = 40
const PREVIEW_COLUMNS = 26

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value)
  if (!r.success)
    throw new HttpError(
      400,
      `Bad request: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      'Use the dashboard page.',
    )
  return r.data
}

/** The file name a drop sent (X-File-Name, URI-encoded), checked: a plain name with a price-list extension. */
function fileName(ctx: RouteContext): string {
  const raw = ctx.req.headers['x-file-name']
  let name = ''
  try {
    name = basename(decodeURIComponent(typeof raw === 'string' ? raw : '')).trim()
  } catch {
    name = ''
  }
  const ext = /\.[^.]+$/.exec(name.toLowerCase())?.[0] ?? ''
  if (!name || name.length > 255 || !(PRICE_FILE_EXTENSIONS as readonly string[]).includes(ext))
    throw new HttpError(
      415,
      `${name || 'This file'} is not a price list the dashboard reads: drop a .xlsx or .csv file.`,
      'Save the price list from Excel as .xlsx or CSV, then drop that file.',
    )
  return name
}

async function upload(ctx: RouteContext): Promise<{name: string; bytes: Buffer}> {
  const name = fileName(ctx)
  const bytes = await readBody(ctx.req, ctx.deps.uploadLimit)
  return {name, bytes}
}

const DiffBody = z.object({
  uploadId: z.string().min(1),
  supplier: z.string().trim().min(1),
  profile: z.string().trim().min(1),
  threshold: z.string().optional(),
})
const ApplyBody = z.object({skipLines: z.array(z.number().int().positive()).default([])})
const CodeBody = z.object({
  supplier: z.string().trim().min(1),
  code: z.string().trim().min(1),
  item: z.string().trim().min(1),
})

const id = (ctx: RouteContext) => Number(ctx.params.id)

/** The price-list page's API: every handler calls the same engine function as its command. */
export function pricesRoutes(uploads: Uploads): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/api\/prices\/uploads$/,
      async handle(ctx) {
        const file = await upload(ctx)
        const sheets = await readSheets(file.name, file.bytes)
        const stored = uploads.put(file.name, file.bytes)
        sendJson(ctx.res, 200, {
          uploadId: stored.id,
          fileName: file.name,
          size: file.bytes.length,
          sheets: sheets.map((s) => ({
            name: s.name,
            rows: s.rows.slice(0, PREVIEW_ROWS).map((r) => r.slice(0, PREVIEW_COLUMNS)),
          })),
          guess: guessLayout(sheets) ?? null,
        })
      },
    },
    {
      method: 'GET',
      path: /^\/api\/prices\/setup$/,
      async handle(ctx) {
        const vendors = await ctx.deps.qbo().vendors()
        sendJson(ctx.res, 200, {vendors, profiles: listProfiles(ctx.deps.staging)})
      },
    },
    {
      method: 'POST',
      path: /^\/api\/prices\/profiles$/,
      async handle(ctx) {
        const body = parse(z.object({name: z.string()}).passthrough(), await readJson(ctx.req))
        sendJson(ctx.res, 200, {profile: saveProfile(ctx.deps.staging, body)})
      },
    },
    {
      method: 'POST',
      path: /^\/api\/prices\/diffs$/,
      async handle(ctx) {
        const body = parse(DiffBody, await readJson(ctx.req))
        const file = uploads.get(body.uploadId)
        if (!file)
          throw new HttpError(
            400,
            'The dropped file is no longer here (the dashboard was restarted?).',
            'Drop the file again.',
          )
        const {deps} = ctx
        const view = await createPriceDiff(
          {
            staging: deps.staging,
            qbo: deps.qbo(),
            logger: deps.logger,
            actor: deps.actor,
            now: deps.now,
            sleep: deps.sleep,
          },
          {
            file: {name: file.name, bytes: file.bytes},
            supplier: body.supplier,
            profile: body.profile,
            ...(body.threshold ? {thresholdPercent: body.threshold} : {}),
          },
        )
        sendJson(ctx.res, 200, view)
      },
    },
    {
      method: 'GET',
      path: /^\/api\/prices\/diffs$/,
      async handle(ctx) {
        sendJson(ctx.res, 200, {diffs: listDiffs(ctx.deps.staging)})
      },
    },
    {
      method: 'GET',
      path: /^\/api\/prices\/diffs\/(?<id>\d+)$/,
      async handle(ctx) {
        sendJson(ctx.res, 200, diffView(ctx.deps.staging, id(ctx)))
      },
    },
    {
      method: 'POST',
      path: /^\/api\/prices\/diffs\/(?<id>\d+)\/apply$/,
      async handle(ctx) {
        const body = parse(ApplyBody, await readJson(ctx.req))
        const {deps} = ctx
        const result = await applyPriceDiff(
          {
            staging: deps.staging,
            qbo: deps.qbo(),
            logger: deps.logger,
            now: deps.now,
            sleep: deps.sleep,
            actor: deps.actor,
            dbPath: deps.dbPath,
          },
          {diffId: id(ctx), skipLines: body.skipLines},
        )
        sendJson(ctx.res, 200, result)
      },
    },
    {
      method: 'GET',
      path: /^\/api\/prices\/items$/,
      async handle(ctx) {
        const items = await ctx.deps.qbo().items()
        sendJson(ctx.res, 200, {
          items: items.filter((i) => i.active).map((i) => ({id: i.id, name: i.name, sku: i.sku})),
        })
      },
    },
    {
      method: 'GET',
      path: /^\/api\/prices\/codes$/,
      async handle(ctx) {
        const supplier = ctx.url.searchParams.get('supplier') ?? undefined
        sendJson(ctx.res, 200, {
          codes: listCodes({staging: ctx.deps.staging, realmId: ctx.deps.qbo().realmId}, supplier),
        })
      },
    },
    {
      method: 'POST',
      path: /^\/api\/prices\/codes$/,
      async handle(ctx) {
        const body = parse(CodeBody, await readJson(ctx.req))
        const code = await setCode(
          {staging: ctx.deps.staging, qbo: ctx.deps.qbo()},
          {...body, origin: 'dashboard'},
        )
        sendJson(ctx.res, 200, {code})
      },
    },
    {
      method: 'POST',
      path: /^\/api\/prices\/codes\/delete$/,
      async handle(ctx) {
        const body = parse(
          z.object({supplier: z.string().trim().min(1), code: z.string().trim().min(1)}),
          await readJson(ctx.req),
        )
        deleteCode({staging: ctx.deps.staging, realmId: ctx.deps.qbo().realmId}, body.supplier, body.code)
        sendJson(ctx.res, 200, {deleted: body.code})
      },
    },
    {
      method: 'POST',
      path: /^\/api\/prices\/codes\/import$/,
      async handle(ctx) {
        const supplier = (ctx.url.searchParams.get('supplier') ?? '').trim()
        if (!supplier)
          throw new HttpError(400, 'Pick the supplier first.', 'Choose the supplier, then import its codes.')
        const file = await upload(ctx)
        const result = await importCodes(
          {staging: ctx.deps.staging, qbo: ctx.deps.qbo()},
          {supplier, file, origin: 'dashboard'},
        )
        sendJson(ctx.res, 200, result)
      },
    },
    {
      method: 'GET',
      path: /^\/api\/prices\/audit\.csv$/,
      async handle(ctx) {
        send(ctx.res, 200, 'text/csv; charset=utf-8', auditCsv(ctx.deps.staging), {
          'Content-Disposition': 'attachment; filename="price-audit.csv"',
        })
      },
    },
  ]
}
