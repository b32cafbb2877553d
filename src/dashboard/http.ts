import type {IncomingMessage, ServerResponse} from 'node:http'

import {isToolError, type ToolError} from '../domain/errors.js'
import {redact} from '../domain/redact.js'
import {SECURITY_HEADERS} from './security.js'

/** A request body larger than the dashboard accepts. */
export class TooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than ${Math.round(limit / 1024 / 1024)} MB.`)
  }
}

/** The whole body, refused as soon as it passes `limit` bytes (and before, when Content-Length says so). */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN)
  if (declared > limit) throw new TooLarge(limit)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw new TooLarge(limit)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

export async function readJson(req: IncomingMessage, limit = 1024 * 1024): Promise<unknown> {
  const body = await readBody(req, limit)
  try {
    return JSON.parse(body.toString('utf8') || '{}')
  } catch {
    throw new HttpError(400, 'The request body is not JSON.', 'Use the dashboard page.')
  }
}

/** An answer with a status the handler chose (the error JSON shape of the CLI: code, message, next). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly next: string,
    readonly code = 'USER_INPUT',
  ) {
    super(message)
  }
}

export function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {...SECURITY_HEADERS, 'Content-Type': type, ...extra})
  res.end(body)
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value))
}

const STATUS: Record<string, number> = {
  USER_INPUT: 400,
  USAGE: 400,
  CONFIG: 502,
  AUTH: 502,
  QBO_VALIDATION: 502,
  RETRYABLE: 503,
  STORAGE: 507,
  INTEGRITY: 500,
  BUG: 500,
}

/** Any error as the page shows it: what happened and what to do next, never a stack trace or a secret. */
export function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof HttpError) {
    sendJson(res, error.status, {error: {code: error.code, message: error.message, next: error.next}})
    return
  }
  if (error instanceof TooLarge) {
    sendJson(res, 413, {
      error: {
        code: 'USER_INPUT',
        message: error.message,
        next: 'Drop a smaller file (one sheet of the price list, saved as CSV, is usually small).',
      },
    })
    return
  }
  const e: ToolError | undefined = isToolError(error) ? error : undefined
  const busy = e && /Another `.*` run is still going/.test(e.message)
  sendJson(res, busy ? 409 : e ? (STATUS[e.code] ?? 500) : 500, {
    error: {
      code: e?.code ?? 'BUG',
      message: redact(e ? e.message : `Unexpected error: ${(error as Error)?.message ?? String(error)}`),
      next: redact(e ? e.next : 'This is a bug in qbo-toolkit: report what you did and the terminal output.'),
    },
  })
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[c]!,
  )
}
