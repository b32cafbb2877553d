import {AuthError, QboValidationError, RetryableError} from '../domain/errors.js'
import type {QboFault} from '../domain/qbo-fault.js'

export type {QboFault}

export interface FaultContext {
  status: number
  faults: QboFault[]
  intuitTid: string | undefined
}

function faultData(ctx: FaultContext): Record<string, unknown> {
  const first = ctx.faults[0]
  return {
    status: ctx.status,
    faultCode: first?.code,
    detail: first?.detail,
    element: first?.element,
    intuit_tid: ctx.intuitTid,
    ...(ctx.faults.length > 1 ? {faults: ctx.faults} : {}),
  }
}

function describe(ctx: FaultContext): string {
  const f = ctx.faults[0]
  if (!f) return `QBO answered HTTP ${ctx.status}`
  return `QBO fault ${f.code}: ${f.message}${f.detail ? ` (${f.detail})` : ''}`
}

/** QBO refused the request for a reason a retry will not change (HTTP 400, or a Fault inside HTTP 200). */
export class QboFaultError extends QboValidationError {
  readonly status: number
  readonly faults: QboFault[]
  readonly intuitTid: string | undefined
  constructor(ctx: FaultContext, next = 'Fix the record named in the fault, then run the command again.') {
    super(describe(ctx), {next, data: faultData(ctx)})
    this.status = ctx.status
    this.faults = ctx.faults
    this.intuitTid = ctx.intuitTid
  }
  get faultCode(): string | undefined {
    return this.faults[0]?.code
  }
}

/** 5xx, throttling, resets and timeouts that outlasted the retries. Safe to resume: writes carry requestids. */
export class QboTransportError extends RetryableError {
  readonly status: number | undefined
  readonly faults: QboFault[]
  readonly intuitTid: string | undefined
  constructor(message: string, ctx: Partial<FaultContext> & {cause?: unknown}) {
    super(message, {
      next: 'QuickBooks Online is unavailable or throttling; wait a few minutes and run the same command again (it resumes without duplicates).',
      data: faultData({status: ctx.status ?? 0, faults: ctx.faults ?? [], intuitTid: ctx.intuitTid}),
      cause: ctx.cause,
    })
    this.status = ctx.status
    this.faults = ctx.faults ?? []
    this.intuitTid = ctx.intuitTid
  }
}

/**
 * A write that may have reached QBO but whose answer never came (a reset or timeout after sending, or a
 * gateway that gave up while QBO may still be working). Never retried blindly: QBO may still apply it until
 * `inFlightUntil`, after which the caller looks for it before sending it again (load/outbox/settle.ts).
 */
export class QboOutcomeUnknownError extends QboTransportError {
  readonly inFlightUntil: number
  constructor(message: string, ctx: Partial<FaultContext> & {cause?: unknown; inFlightUntil: number}) {
    super(message, ctx)
    this.inFlightUntil = ctx.inFlightUntil
  }
}

/** 401/403 from the API after a refresh, or a refresh token QBO no longer accepts. */
export class QboAuthError extends AuthError {
  readonly intuitTid: string | undefined
  constructor(
    message: string,
    ctx: {status?: number; faults?: QboFault[]; intuitTid?: string; next?: string},
  ) {
    super(message, {
      next: ctx.next ?? 'Run `qbo auth connect` to authorize the company again.',
      data: faultData({status: ctx.status ?? 0, faults: ctx.faults ?? [], intuitTid: ctx.intuitTid}),
    })
    this.intuitTid = ctx.intuitTid
  }
}

/** A sparse update found that someone else changed the same fields since the caller read them. */
export class SyncConflictError extends QboValidationError {
  constructor(entity: string, id: string, fields: string[]) {
    super(
      `${entity} ${id} was changed in QuickBooks Online since it was read (fields: ${fields.join(', ')})`,
      {
        next: 'Nothing was written. Re-read the record, review the change in QuickBooks Online, and run the command again.',
        data: {entity, id, fields},
      },
    )
  }
}
