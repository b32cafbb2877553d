import type {QboEntity} from '../../src/domain/entities.js'
import {parsePrivateNoteMarker} from '../../src/domain/ids.js'
import {
  type BatchItemOutcome,
  type BatchWriteItem,
  type ExistingRecord,
  type Identity,
  type QboFault,
  type QboWritePort,
  type RefResolver,
  WriteOutcomeUnknown,
} from '../../src/load/port.js'

interface Stored {
  id: string
  entity: string
  payload: Record<string, unknown>
}

/** A virtual clock shared by the fake and the code under test: sleeping moves time on at once. */
export class VirtualClock {
  t = 1_000_000
  slept = 0
  now = () => this.t
  sleep = async (ms: number) => {
    this.t += ms
    this.slept += ms
  }
}

/**
 * An in-memory stand-in for QBO's batch writes and look-ups, with QBO's rules that matter to the loader:
 * names unique per list, requestid replay, and ways to fail (a fault per item, an answer lost after commit,
 * a request QBO holds and applies later while the client has given up on it).
 */
export class FakeQbo implements QboWritePort {
  readonly realmId = 'R1'
  readonly inFlightWindowMs = 150_000
  readonly records: Stored[] = []
  private nextId = 1
  private readonly replays = new Map<string, BatchItemOutcome[]>()
  private readonly held: {dueAt: number; requestId: string; items: readonly BatchWriteItem[]}[] = []
  batchesSent = 0
  /** Every batch requestid sent, in order (a resend of the same request repeats it). */
  readonly requestIds: string[] = []
  /** Fault to return for a payload (by its name or DocNumber), once or always. */
  faultFor = new Map<string, {fault: QboFault; times: number}>()
  /** Commit the next N batches and then lose the answer. */
  loseAnswers = 0
  /** Lose the next N batches before they arrive (the outcome is unknown to the client; nothing landed). */
  failBeforeCommit = 0
  /** Hold the next N batches: the client gets no answer; QBO applies them `holdMs` later. */
  holdNext = 0
  holdMs = 10_000

  constructor(private readonly clock: VirtualClock = new VirtualClock()) {}

  async writeBatch(requestId: string, items: readonly BatchWriteItem[], onSend: () => void) {
    this.applyDue()
    onSend()
    this.batchesSent++
    this.requestIds.push(requestId)
    if (this.failBeforeCommit > 0) {
      this.failBeforeCommit--
      throw new WriteOutcomeUnknown('connection reset', this.clock.now() + this.inFlightWindowMs)
    }
    if (this.holdNext > 0) {
      this.holdNext--
      this.held.push({dueAt: this.clock.now() + this.holdMs, requestId, items})
      throw new WriteOutcomeUnknown(
        'timed out; QBO is still working on it',
        this.clock.now() + this.inFlightWindowMs,
      )
    }
    const outcomes = this.apply(requestId, items)
    if (this.loseAnswers > 0) {
      this.loseAnswers--
      throw new WriteOutcomeUnknown('socket hang up after commit', this.clock.now() + this.inFlightWindowMs)
    }
    return outcomes
  }

  /** What QBO does with a batch when it processes it: replay a known requestid, else apply each item. */
  private apply(requestId: string, items: readonly BatchWriteItem[]): BatchItemOutcome[] {
    const replay = this.replays.get(requestId)
    if (replay) return replay
    const outcomes = items.map((item) => this.createOne(item.entity, item.bId, item.payload))
    this.replays.set(requestId, outcomes)
    return outcomes
  }

  /** Held requests whose time has come are applied, as QBO would finish them. */
  private applyDue(): void {
    for (const h of [...this.held]) {
      if (h.dueAt > this.clock.now()) continue
      this.held.splice(this.held.indexOf(h), 1)
      this.apply(h.requestId, h.items)
    }
  }

  private createOne(entity: string, bId: string, payload: Record<string, unknown>): BatchItemOutcome {
    const key = String(payload.DisplayName ?? payload.Name ?? payload.DocNumber ?? '')
    const injected = this.faultFor.get(key)
    if (injected && injected.times > 0) {
      injected.times--
      return {bId, ok: false, fault: injected.fault}
    }
    const name = payload.DisplayName ?? payload.Name
    if (
      name !== undefined &&
      this.records.some((r) => r.entity === entity && (r.payload.DisplayName ?? r.payload.Name) === name)
    ) {
      return {bId, ok: false, fault: {code: '6240', message: 'Duplicate Name Exists Error'}}
    }
    const id = String(this.nextId++)
    this.records.push({id, entity, payload})
    return {bId, ok: true, id, syncToken: '0'}
  }

  async findExisting(entity: string, identity: Identity): Promise<ExistingRecord[]> {
    this.applyDue()
    return this.records
      .filter((r) => r.entity === entity)
      .filter((r) =>
        identity.kind === 'name'
          ? r.payload[identity.field] === identity.value
          : typeof r.payload.PrivateNote === 'string' && r.payload.PrivateNote.includes(identity.marker),
      )
      .map((r) => ({id: r.id, syncToken: '0'}))
  }

  async readRecord(entity: string, id: string) {
    this.applyDue()
    const r = this.records.find((x) => x.entity === entity && x.id === id)
    return r ? {...r.payload, Id: r.id, SyncToken: '0'} : undefined
  }

  async markedRecords(entity: string) {
    this.applyDue()
    return this.records.flatMap((r) => {
      const note = typeof r.payload.PrivateNote === 'string' ? r.payload.PrivateNote : undefined
      const marker = r.entity === entity ? parsePrivateNoteMarker(note) : undefined
      return marker ? [{id: r.id, ...marker}] : []
    })
  }

  /** Lets held requests finish (time passes for QBO even when nobody calls it). */
  settle(): void {
    this.applyDue()
  }

  count(entity: QboEntity): number {
    this.applyDue()
    return this.records.filter((r) => r.entity === entity).length
  }
}

/** Test resolver: `{"$ref": {"entity", "sourceId"}}` becomes `{"value": <QBO id>}`. */
export const testResolver: RefResolver = (payload, lookup) => {
  const unresolved: {entity: QboEntity; sourceId: string}[] = []
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>
      const ref = o.$ref as {entity: QboEntity; sourceId: string} | undefined
      if (ref) {
        const id = lookup(ref.entity, 'xero-csv', ref.sourceId)
        if (!id) unresolved.push(ref)
        return {value: id ?? ''}
      }
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x)]))
    }
    return v
  }
  return {payload: walk(payload) as Record<string, unknown>, unresolved}
}
