// A minimal stand-in for the shared extract engine (src/sources/extract.ts, built elsewhere): stages each
// unit in one transaction with its checkpoint, as the engine does. Replace with the engine at merge.
import type {SourceAdapter, StagedItem} from '../../../../src/sources/adapter.js'
import {inTransaction, type Staging} from '../../../../src/staging/index.js'

export async function stageAll(adapter: SourceAdapter, staging: Staging, runId: string): Promise<number> {
  let units = 0
  const context = {checkpoint: (scope: string) => staging.checkpoints.get(runId, scope)}
  for await (const unit of adapter.units(context)) {
    const items: StagedItem[] = []
    for await (const item of unit.records()) items.push(item)
    inTransaction(staging.db, () => {
      for (const item of items) staging.staged.upsert(adapter.system, item.kind, item.id, item.record)
      if (unit.checkpoint) staging.checkpoints.set(runId, unit.checkpoint.scope, unit.checkpoint.position)
    })
    units++
  }
  return units
}

/** A token source over the emulator's control endpoint. */
export function emulatorTokens(url: string, tenantId: string) {
  return {
    async get() {
      const res = await fetch(`${url}/_emulator/tokens`, {method: 'POST'})
      const body = (await res.json()) as {access_token: string}
      return {accessToken: body.access_token, tenantId}
    },
  }
}
