import {readFileSync} from 'node:fs'

import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {dbFlag} from '../../cli/flags.js'
import {UsageError, UserInputError} from '../../domain/errors.js'
import type {PriceProfile} from '../../domain/price-list.js'
import {deleteProfile, getProfile, listProfiles, saveProfile} from '../../load/prices/index.js'
import {openStaging} from '../../staging/index.js'

const OPTIONAL = ['sheet', 'headerRow', 'descriptionColumn', 'packColumn', 'packSize'] as const

export default class PricesProfiles extends BaseCommand {
  static override summary =
    'List, create, change or delete the profiles that say how to read each supplier’s price list.'
  static override description =
    'A profile names the sheet, the header row (found by itself when omitted), the item-code and cost columns (by header ' +
    'text), whether costs include GST, a pack-size column or a fixed pack size and whether prices are per pack, the ' +
    'placeholder values (POA, TBA …) and the decimals written. --set creates or changes one (fields not given stay as ' +
    'they were); --unset removes optional fields. The dashboard edits the same profiles.'
  static override examples = [
    '<%= config.bin %> prices profiles',
    '<%= config.bin %> prices profiles --set "Brown Electrical" --supplier "Brown Electrical Pty Ltd" --code-column Code --cost-column "Price Ex GST" --pack-column Pack --price-per pack',
    '<%= config.bin %> prices profiles --set "Brown Electrical" --gst inc --cost-column "Price Inc GST"',
    '<%= config.bin %> prices profiles --import fixtures/prices/brown-electrical.profile.json',
    '<%= config.bin %> prices profiles --delete "Brown Electrical"',
  ]
  static override flags = {
    db: dbFlag,
    set: Flags.string({description: 'Create or change the profile with this name.'}),
    show: Flags.string({description: 'Show one profile.'}),
    delete: Flags.string({description: 'Delete the profile with this name.'}),
    import: Flags.string({
      description: 'Create or replace profiles from a JSON file (one profile or a list).',
    }),
    supplier: Flags.string({description: 'The supplier (QBO vendor name) the profile is for.'}),
    sheet: Flags.string({description: 'XLSX sheet name.'}),
    'header-row': Flags.integer({description: 'Row number of the header (default: found).', min: 1}),
    'code-column': Flags.string({description: 'Header of the item-code column.'}),
    'cost-column': Flags.string({description: 'Header of the cost column.'}),
    'description-column': Flags.string({description: 'Header of the description column.'}),
    gst: Flags.string({description: 'Whether the cost column includes GST.', options: ['ex', 'inc']}),
    'gst-rate': Flags.string({description: 'GST percentage (default 10).'}),
    'pack-column': Flags.string({description: 'Header of the pack-size (conversion factor) column.'}),
    'pack-size': Flags.string({description: 'One pack size for the whole list.'}),
    'price-per': Flags.string({
      description: 'Whether prices are per unit or per pack.',
      options: ['unit', 'pack'],
    }),
    placeholders: Flags.string({description: 'Values standing where a price would be, comma-separated.'}),
    decimals: Flags.integer({description: 'Decimals of the cost written (2–5, default 4).', min: 2, max: 5}),
    unset: Flags.string({description: `Remove optional fields: ${OPTIONAL.join(', ')}.`}),
  }

  async run(): Promise<{profiles: PriceProfile[]} | {profile: PriceProfile} | {deleted: string}> {
    const {flags} = await this.parse(PricesProfiles)
    const actions = [flags.set, flags.show, flags.delete, flags.import].filter((a) => a !== undefined)
    if (actions.length > 1)
      throw new UsageError('Give one of --set, --show, --delete or --import.', {
        next: 'Run them one at a time.',
      })
    const staging = openStaging(flags.db)
    try {
      if (flags.delete !== undefined) {
        deleteProfile(staging, flags.delete)
        if (!this.mode.json) this.log(`Deleted the profile "${flags.delete}".`)
        return {deleted: flags.delete}
      }
      if (flags.show !== undefined) {
        const profile = getProfile(staging, flags.show)
        if (!profile)
          throw new UserInputError(`There is no profile named "${flags.show}".`, {
            next: 'Run `qbo prices profiles`.',
          })
        if (!this.mode.json) this.log(JSON.stringify(profile, null, 2))
        return {profile}
      }
      if (flags.import !== undefined) {
        const profiles = importFile(flags.import).map((p) => saveProfile(staging, p))
        if (!this.mode.json) this.log(`Imported ${profiles.map((p) => `"${p.name}"`).join(', ')}.`)
        return {profiles}
      }
      if (flags.set !== undefined) {
        const unset = (flags.unset ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
        const bad = unset.filter((u) => !(OPTIONAL as readonly string[]).includes(u))
        if (bad.length)
          throw new UsageError(`--unset ${bad.join(',')}: only ${OPTIONAL.join(', ')} can be removed.`, {
            next: 'Change the others with their own flags.',
          })
        const profile = saveProfile(staging, {
          name: flags.set,
          ...Object.fromEntries(unset.map((u) => [u, null])),
          ...defined({
            supplier: flags.supplier,
            sheet: flags.sheet,
            headerRow: flags['header-row'],
            codeColumn: flags['code-column'],
            costColumn: flags['cost-column'],
            descriptionColumn: flags['description-column'],
            gst: flags.gst as 'ex' | 'inc' | undefined,
            gstRate: flags['gst-rate'],
            packColumn: flags['pack-column'],
            packSize: flags['pack-size'],
            pricePer: flags['price-per'] as 'unit' | 'pack' | undefined,
            placeholders: flags.placeholders?.split(',').map((s) => s.trim()),
            decimals: flags.decimals,
          }),
        })
        if (!this.mode.json)
          this.log(`Saved the profile "${profile.name}":\n${JSON.stringify(profile, null, 2)}`)
        return {profile}
      }
      const profiles = listProfiles(staging)
      if (!this.mode.json) {
        this.log(
          profiles.length === 0
            ? 'No profiles yet. Create one with --set (see --help), or drop a price list on `qbo dashboard`.'
            : profiles
                .map(
                  (p) =>
                    `${p.name} (${p.supplier}): code "${p.codeColumn}", cost "${p.costColumn}" ${p.gst}-GST` +
                    `${p.packColumn ? `, pack "${p.packColumn}"` : p.packSize ? `, pack ${p.packSize}` : ''}, price per ${p.pricePer}` +
                    `${p.headerRow ? `, header row ${p.headerRow}` : ''}${p.sheet ? `, sheet "${p.sheet}"` : ''}`,
                )
                .join('\n'),
        )
      }
      return {profiles}
    } finally {
      staging.close()
    }
  }
}

function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

function importFile(path: string): ({name: string} & Record<string, unknown>)[] {
  let data: unknown
  try {
    data = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new UserInputError(`Cannot read ${path} as JSON: ${(error as Error).message}`, {
      next: 'Give a JSON file holding one profile object or a list of them.',
    })
  }
  const list = Array.isArray(data) ? data : [data]
  return list.map((p, i) => {
    if (!p || typeof p !== 'object' || typeof (p as {name?: unknown}).name !== 'string')
      throw new UserInputError(`${path}: profile ${i + 1} has no "name".`, {
        next: 'Give every profile a name.',
      })
    return p as {name: string} & Record<string, unknown>
  })
}
