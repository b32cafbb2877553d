import type {QboEntity} from '../../src/domain/entities.js'
import type {
  BatchItemOutcome,
  ExistingRecord,
  Identity,
  QboFault,
  QboWritePort,
  RefResolver,
} from '../../src/load/port.js'

interface Stored {
  id: string
  entity: QboEntity
  payload: Record<string, unknown>
}

/**
 * An in-memory stand-in for QBO's batch create and look-ups, with QBO's rules that matter to the loader:
 * names unique per list, requestid replay, and ways to fail (a fault per item, an answer lost after commit).
 */
export class FakeQbo implements QboWritePort {
  readonly realmId = 'R1'
  readonly records: Stored[] = []
  private nextId = 1
  private readonly replays = new Map<string, BatchItemOutcome[]>()
  batchesSent = 0
  /** Fault to return for a payload (by its name or DocNumber), once or always. */
  faultFor = new Map<string, {fault: QboFault; times: number}>()
  /** Commit the next N batches and then throw, as a lost response does. */
  loseAnswers = 0
  /** Throw before committing on the next N batches (the request never arrived). */
  failBeforeCommit = 0

  async createBatch(
    entity: QboEntity,
    requestId: string,
    items: readonly {bId: string; payload: Record<string, unknown>}[],
  ) {
    this.batchesSent++
    if (this.failBeforeCommit > 0) {
      this.failBeforeCommit--
      throw new Error('connection reset before the request arrived')
    }
    const replay = this.replays.get(requestId)
    if (replay) return replay
    const outcomes = items.map((item) => this.createOne(entity, item.bId, item.payload))
    this.replays.set(requestId, outcomes)
    if (this.loseAnswers > 0) {
      this.loseAnswers--
      throw new Error('socket hang up after commit')
    }
    return outcomes
  }

  private createOne(entity: QboEntity, bId: string, payload: Record<string, unknown>): BatchItemOutcome {
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

  async findExisting(entity: QboEntity, identity: Identity): Promise<ExistingRecord[]> {
    return this.records
      .filter((r) => r.entity === entity)
      .filter((r) =>
        identity.kind === 'name'
          ? r.payload[identity.field] === identity.value
          : typeof r.payload.PrivateNote === 'string' && r.payload.PrivateNote.includes(identity.marker),
      )
      .map((r) => ({id: r.id, syncToken: '0'}))
  }

  count(entity: QboEntity): number {
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
