// Test helpers for the Xero API adapter: stage through the shared extract engine, tokens from the emulator.
import type {SourceAdapter} from '../../../../src/sources/adapter.js'
import {extractToStaging, type ExtractResult} from '../../../../src/sources/extract.js'
import type {Staging} from '../../../../src/staging/index.js'
import {silentLogger} from '../../../../src/ui/logger.js'

/**
 * Stages every unit with the shared engine (one transaction and one checkpoint per page). `resume` continues
 * the latest unfinished run, as `qbo migrate extract --resume` does.
 */
export async function stageAll(
  adapter: SourceAdapter & {notes?: string[]},
  staging: Staging,
  options: {resume?: boolean} = {},
): Promise<ExtractResult> {
  return extractToStaging(staging, adapter, {
    logger: silentLogger,
    ...(options.resume ? {resume: true} : {}),
    warnings: () => adapter.notes ?? [],
  })
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
