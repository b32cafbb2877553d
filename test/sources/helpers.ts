import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import type {TestContext} from 'node:test'

import type {SourceAdapter} from '../../src/sources/adapter.js'
import {extractToStaging, type ExtractResult} from '../../src/sources/extract.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempDir, tempStaging} from '../helpers/temp.js'

/** Writes files into a temp folder, extracts them with the adapter, and returns the result and a record reader. */
export async function extractFiles(
  t: TestContext,
  files: Record<string, string | Buffer>,
  make: (dir: string) => SourceAdapter & {warnings(): string[]},
): Promise<{result: ExtractResult; get: <T>(kind: string, id: string) => T; dir: string}> {
  const dir = tempDir(t)
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
  const {staging} = tempStaging(t)
  const adapter = make(dir)
  const result = await extractToStaging(staging, adapter, {
    logger: silentLogger,
    warnings: () => adapter.warnings(),
  })
  const get = <T>(kind: string, id: string): T => {
    const r = staging.staged.get(adapter.system, kind, id)
    if (!r) throw new Error(`no ${kind} ${id}; files: ${JSON.stringify(result.files)}`)
    return r.record as T
  }
  return {result, get, dir}
}
