import {QboFault, faults} from './faults.js'
import type {Store} from './store.js'

export interface Reply {
  status: number
  body: unknown
}

/**
 * `requestid` (qbo-api.md §2): a write repeated with the same id gets the first reply again (fault or
 * success) and changes nothing. Replies are kept until the company is reset (QBO's window is unpublished).
 * The id is checked when the write is applied, not when it arrives. `replays: false` (the `noreplay` fault)
 * makes this request one whose repeated id QBO does not recognise.
 */
export function withRequestId(
  store: Store,
  requestId: string | null,
  maxLen: number,
  run: () => Reply,
  replays = true,
): Reply {
  if (requestId === null || requestId === '') return run()
  if (requestId.length > maxLen) throw faults.requestIdTooLong(maxLen)
  const seen = replays ? store.getKv<Reply>('requestid', requestId) : undefined
  if (seen) return seen
  const reply = run()
  store.setKv('requestid', requestId, reply)
  return reply
}

/** Runs one write and turns a QBO fault into its reply, so a fault is replayed like a success. */
export function faultReply(fn: () => Reply, time: string): Reply {
  try {
    return fn()
  } catch (e) {
    if (e instanceof QboFault) return {status: e.status, body: e.body(time)}
    throw e
  }
}
