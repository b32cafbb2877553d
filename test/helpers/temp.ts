import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {TestContext} from 'node:test'

import {openStaging, type Staging} from '../../src/staging/index.js'

/** A temporary folder removed when the test ends. */
export function tempDir(t: TestContext, prefix = 'qbo-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  t.after(() => rmSync(dir, {recursive: true, force: true}))
  return dir
}

/** A fresh staging database in a temporary folder, closed and removed when the test ends. */
export function tempStaging(t: TestContext, clock?: () => Date): {staging: Staging; path: string} {
  const path = join(tempDir(t), 'migration.db')
  const staging = openStaging(path, clock ? {clock} : {})
  t.after(() => staging.close())
  return {staging, path}
}
