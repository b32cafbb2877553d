import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {fileURLToPath} from 'node:url'

import {ESLint} from 'eslint'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const eslint = new ESLint({cwd: ROOT})

/** Lints `code` as if it were the file at `filePath` and returns the messages of the boundary rule. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, {filePath})
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('import boundaries (ARCHITECTURE.md)', () => {
  it('fails a mapper that imports better-sqlite3', async () => {
    const errors = await boundaryErrors(
      'src/mappers/lint-fixture.ts',
      "import Database from 'better-sqlite3'\nexport const x = Database\n",
    )
    assert.equal(errors.length, 1)
    assert.match(errors[0] ?? '', /better-sqlite3/)
  })

  it('fails a mapper that imports staging, fs or http', async () => {
    const code = [
      "import {openStaging} from '../staging/index.js'",
      "import {readFileSync} from 'node:fs'",
      "import axios from 'axios'",
      'export const x = [openStaging, readFileSync, axios]',
    ].join('\n')
    assert.equal((await boundaryErrors('src/mappers/lint-fixture.ts', code)).length, 3)
  })

  it('lets only qbo/ import axios and intuit-oauth', async () => {
    const code =
      "import axios from 'axios'\nimport OAuthClient from 'intuit-oauth'\nexport const x = [axios, OAuthClient]\n"
    assert.equal((await boundaryErrors('src/sources/xero-csv/lint-fixture.ts', code)).length, 2)
    assert.deepEqual(await boundaryErrors('src/qbo/lint-fixture.ts', code), [])
  })

  it('lets only sources/xero-api import xero-node, and keeps sources away from QBO', async () => {
    const code = "import {XeroClient} from 'xero-node'\nexport const x = XeroClient\n"
    assert.deepEqual(await boundaryErrors('src/sources/xero-api/lint-fixture.ts', code), [])
    assert.equal((await boundaryErrors('src/sources/myob/lint-fixture.ts', code)).length, 1)
    const toQbo = "import {x} from '../../qbo/client.js'\nexport const y = x\n"
    assert.equal((await boundaryErrors('src/sources/myob/lint-fixture.ts', toQbo)).length, 1)
  })

  it('lets staging open SQLite and keeps domain free of every other layer', async () => {
    assert.deepEqual(
      await boundaryErrors(
        'src/staging/lint-fixture.ts',
        "import D from 'better-sqlite3'\nexport const x = D\n",
      ),
      [],
    )
    const fromDomain = "import {openStaging} from '../staging/index.js'\nexport const x = openStaging\n"
    assert.equal((await boundaryErrors('src/domain/lint-fixture.ts', fromDomain)).length, 1)
  })

  it('lets sources/price-list read workbooks, still away from QBO; keeps the dashboard off the client', async () => {
    const workbook = "import ExcelJS from 'exceljs'\nexport const x = ExcelJS\n"
    assert.deepEqual(await boundaryErrors('src/sources/price-list/lint-fixture.ts', workbook), [])
    assert.equal((await boundaryErrors('src/sources/myob/lint-fixture.ts', workbook)).length, 1)
    const toQbo = "import {x} from '../../qbo/client.js'\nexport const y = x\n"
    assert.equal((await boundaryErrors('src/sources/price-list/lint-fixture.ts', toQbo)).length, 1)
    assert.equal((await boundaryErrors('src/dashboard/pages/lint-fixture.ts', toQbo)).length, 1)
  })
})
