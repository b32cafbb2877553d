import {ConfigError} from '../domain/errors.js'
import {type CustomFieldDef, customFields, type Po, type PoStorage} from '../mappers/po/fields.js'
import {paged, type QboClient, select} from '../qbo/index.js'
import type {Staging} from '../staging/index.js'

/** Settings keys (the `settings` table of the migration file): the PO custom fields to use, by name. */
export const TAG_FIELD_SETTING = 'po.tag-field'
export const SHIP_DATE_FIELD_SETTING = 'po.ship-date-field'

export interface StorageNames {
  tagField?: string
  shipDateField?: string
}

/**
 * The custom field names in force: those given now (remembered in settings for the next run; '' goes back to
 * PrivateNote / DueDate), else those remembered. Call `remember` only for a run that writes.
 */
export function storageNames(staging: Staging, given: StorageNames): StorageNames {
  const saved = staging.settings.all()
  const pick = (now: string | undefined, key: string) => (now !== undefined ? now : saved[key]) || undefined
  const tagField = pick(given.tagField, TAG_FIELD_SETTING)
  const shipDateField = pick(given.shipDateField, SHIP_DATE_FIELD_SETTING)
  return {...(tagField ? {tagField} : {}), ...(shipDateField ? {shipDateField} : {})}
}

export function rememberStorageNames(staging: Staging, given: StorageNames): void {
  if (given.tagField !== undefined) staging.settings.set(TAG_FIELD_SETTING, given.tagField || undefined)
  if (given.shipDateField !== undefined)
    staging.settings.set(SHIP_DATE_FIELD_SETTING, given.shipDateField || undefined)
}

/**
 * Finds each named custom field's DefinitionId in the company's Preferences
 * (VendorAndPurchasesPrefs.POCustomField: a `PurchaseCustomNameN` string per slot, the shape public samples
 * show; UNCONFIRMED beyond them), falling back to a purchase order that carries it. A name QBO does not have
 * is a configuration error: custom fields are defined in QBO's screens, never through the API.
 */
export async function resolveStorage(client: QboClient, names: StorageNames): Promise<PoStorage> {
  if (!names.tagField && !names.shipDateField) return {}
  const prefs = (await client.queryAll(select('Preferences')))[0] ?? {}
  const defs = definitionsFromPreferences(prefs)
  const wanted = [names.tagField, names.shipDateField].filter((n): n is string => !!n)
  if (wanted.some((n) => !defs.has(n.toLowerCase()))) {
    // Preferences in another shape than the samples show: the fields as purchase orders carry them.
    const {rows} = await client.queryPage(paged(String(select('PurchaseOrder')), 1, 100))
    for (const po of rows as Po[])
      for (const f of customFields(po))
        if (f.Name && !defs.has(f.Name.toLowerCase())) defs.set(f.Name.toLowerCase(), f.DefinitionId)
  }
  const find = (name: string, flag: string): CustomFieldDef => {
    const id = defs.get(name.toLowerCase())
    if (!id) {
      throw new ConfigError(`QBO has no purchase-order custom field named "${name}".`, {
        next:
          `Create it in QBO (Settings → Custom fields, shown on purchase orders) or name an existing one with ${flag}; ` +
          `${flag} '' goes back to ${flag === '--tag-field' ? 'PrivateNote' : 'DueDate'}.`,
        data: {known: [...defs.keys()]},
      })
    }
    return {definitionId: id, name}
  }
  return {
    ...(names.tagField ? {tagField: find(names.tagField, '--tag-field')} : {}),
    ...(names.shipDateField ? {shipDateField: find(names.shipDateField, '--ship-date-field')} : {}),
  }
}

/** name (lower case) → DefinitionId, for the enabled PO custom fields named in Preferences. */
export function definitionsFromPreferences(prefs: Record<string, unknown>): Map<string, string> {
  const vendor = prefs.VendorAndPurchasesPrefs as {POCustomField?: unknown} | undefined
  const groups = Array.isArray(vendor?.POCustomField)
    ? vendor.POCustomField
    : vendor?.POCustomField
      ? [vendor.POCustomField]
      : []
  const entries = groups.flatMap((g) => {
    const list = (g as {CustomField?: unknown})?.CustomField
    return Array.isArray(list) ? (list as Record<string, unknown>[]) : []
  })
  const disabled = new Set<string>()
  for (const e of entries) {
    const m = /Use\w*?(\d)$/.exec(String(e.Name ?? ''))
    if (m && e.BooleanValue === false) disabled.add(m[1]!)
  }
  const out = new Map<string, string>()
  for (const e of entries) {
    const m = /CustomName(\d)$/.exec(String(e.Name ?? ''))
    if (m && typeof e.StringValue === 'string' && e.StringValue && !disabled.has(m[1]!))
      out.set(e.StringValue.toLowerCase(), m[1]!)
  }
  return out
}
