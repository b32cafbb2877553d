import {readFileSync} from 'node:fs'
import {basename} from 'node:path'

import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {dbFlag} from '../../cli/flags.js'
import {realmFlag, timeScaleFromEnv} from '../../cli/qbo-flags.js'
import {UsageError, UserInputError} from '../../domain/errors.js'
import {
  clientPricesQbo,
  type CodesImport,
  deleteCode,
  importCodes,
  listCodes,
  setCode,
} from '../../load/prices/index.js'
import {openRealmClient} from '../../qbo/index.js'
import {openStaging} from '../../staging/index.js'
import type {SupplierCode} from '../../staging/prices.js'

export default class PricesCodes extends BaseCommand {
  static override summary = 'The supplier-code ↔ item table: for suppliers whose codes are not your SKUs.'
  static override description =
    'Lists, imports (CSV or XLSX with a "Supplier code" column and an "Item", "SKU", "Item name" or "Item id" column), ' +
    'sets or deletes links from a supplier’s item code to a QBO item. A price list row whose code is no item’s SKU is ' +
    'matched through this table. The dashboard edits the same table.'
  static override examples = [
    '<%= config.bin %> prices codes --supplier "Brown Electrical Pty Ltd"',
    '<%= config.bin %> prices codes --supplier "Brown Electrical Pty Ltd" --import fixtures/prices/brown-electrical-codes.csv',
    '<%= config.bin %> prices codes --supplier "Brown Electrical Pty Ltd" --set BE-5521=ITEM-027',
    '<%= config.bin %> prices codes --supplier "Brown Electrical Pty Ltd" --delete BE-5521',
  ]
  static override flags = {
    db: dbFlag,
    realm: realmFlag,
    supplier: Flags.string({description: 'The supplier (QBO vendor name).'}),
    import: Flags.string({description: 'Import links from a CSV or XLSX file.'}),
    set: Flags.string({description: 'CODE=ITEM: link a code to an item (its QBO Id, SKU or name).'}),
    delete: Flags.string({description: 'Remove the link of this code.'}),
  }

  async run(): Promise<{codes: SupplierCode[]} | CodesImport | {code: SupplierCode} | {deleted: string}> {
    const {flags} = await this.parse(PricesCodes)
    const writes = [flags.import, flags.set, flags.delete].filter((x) => x !== undefined)
    if (writes.length > 1)
      throw new UsageError('Give one of --import, --set or --delete.', {next: 'Run them one at a time.'})
    if (writes.length === 1 && !flags.supplier)
      throw new UsageError('--supplier is needed to change the table.', {next: 'Add --supplier NAME.'})
    const staging = openStaging(flags.db)
    try {
      const client = openRealmClient(process.env, this.logger, {
        ...(flags.realm ? {realm: flags.realm} : {}),
        client: {timeScale: timeScaleFromEnv(process.env)},
      })
      const deps = {staging, qbo: clientPricesQbo(client)}
      const supplier = flags.supplier ?? ''
      if (flags.import !== undefined) {
        const result = await importCodes(deps, {supplier, file: readFile(flags.import), origin: 'import'})
        if (!this.mode.json) {
          this.log(`Linked ${result.linked} codes of ${result.supplier}.`)
          for (const u of result.unresolved)
            this.log(`  Row ${u.row} not linked (${u.code} → ${u.item}): ${u.reason}`)
        }
        return result
      }
      if (flags.set !== undefined) {
        const eq = flags.set.indexOf('=')
        if (eq <= 0)
          throw new UsageError(`--set ${flags.set}: expected CODE=ITEM`, {
            next: 'e.g. --set BE-5521=ITEM-027',
          })
        const code = await setCode(deps, {
          supplier,
          code: flags.set.slice(0, eq),
          item: flags.set.slice(eq + 1),
          origin: 'cli',
        })
        if (!this.mode.json) this.log(`${code.code} → ${code.itemName} (Item ${code.itemId})`)
        return {code}
      }
      if (flags.delete !== undefined) {
        deleteCode({staging, realmId: client.realmId}, supplier, flags.delete)
        if (!this.mode.json) this.log(`Removed ${flags.delete}.`)
        return {deleted: flags.delete}
      }
      const codes = listCodes({staging, realmId: client.realmId}, flags.supplier)
      if (!this.mode.json)
        this.log(
          codes.length === 0
            ? 'No codes linked.'
            : codes
                .map((c) => `${c.supplier}  ${c.code} → ${c.itemName ?? ''} (Item ${c.itemId})`)
                .join('\n'),
        )
      return {codes}
    } finally {
      staging.close()
    }
  }
}

function readFile(path: string): {name: string; bytes: Buffer} {
  try {
    return {name: basename(path), bytes: readFileSync(path)}
  } catch (error) {
    throw new UserInputError(
      `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      {
        next: 'Check the path.',
      },
    )
  }
}
