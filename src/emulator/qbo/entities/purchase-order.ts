import {faults} from '../faults.js'
import type {Json, Store} from '../store.js'
import {type WriteContext, isObject, maxLen, str} from './context.js'

/**
 * PurchaseOrder's own rules (integrations.md §3.1): POStatus Open|Closed, EmailStatus NotSet|NeedToSend|
 * EmailSent, POEmail, and up to three string custom fields whose definitions live in
 * Preferences.VendorAndPurchasesPrefs.POCustomField (made in QBO's screens, never through the API).
 */
const PO_STATUS = ['Open', 'Closed']
const EMAIL_STATUS = ['NotSet', 'NeedToSend', 'EmailSent']
const SETTINGS = 'po-settings'

export function normalizePurchaseOrder(out: Json, existing: Json | undefined, ctx: WriteContext): void {
  out.POStatus = out.POStatus ?? 'Open'
  if (!PO_STATUS.includes(String(out.POStatus))) throw faults.invalidEnum('POStatus', String(out.POStatus))
  out.EmailStatus = out.EmailStatus ?? existing?.EmailStatus ?? 'NotSet'
  if (!EMAIL_STATUS.includes(String(out.EmailStatus)))
    throw faults.invalidEnum('EmailStatus', String(out.EmailStatus))
  if (out.POEmail !== undefined && out.POEmail !== null) {
    if (!isObject(out.POEmail)) throw faults.required('POEmail.Address')
    maxLen(out.POEmail, 'Address', 100)
  }
  maxLen(out, 'Memo', 4000)
  out.CustomField = customFields(ctx.store, out.CustomField)
}

/**
 * One entry per enabled definition, as QBO answers (a field left blank has no StringValue). An entry for a
 * definition the company does not have is dropped without a fault, as QBO is reported to do (integrations.md
 * §2.1); a sparse update that sends CustomField replaces the whole list (whether QBO merges is UNCONFIRMED).
 */
function customFields(store: Store, input: unknown): Json[] {
  const sent = new Map<string, Json>()
  if (input !== undefined && input !== null) {
    if (!Array.isArray(input))
      throw faults.invalidString('CustomField', 'Invalid String : CustomField must be an array')
    for (const entry of input) {
      if (!isObject(entry)) continue
      const id = entry.DefinitionId === undefined ? undefined : String(entry.DefinitionId as string)
      if (id) sent.set(id, entry)
    }
  }
  return [...poCustomFieldDefs(store)].map(([id, name]) => {
    const value = sent.get(id) ? str(sent.get(id)!, 'StringValue') : undefined
    return {
      DefinitionId: id,
      Name: name,
      Type: 'StringType',
      ...(value !== undefined ? {StringValue: value} : {}),
    }
  })
}

/** The company's purchase-order custom fields: DefinitionId ("1".."3") → name. */
export function poCustomFieldDefs(store: Store): Map<string, string> {
  const names = store.getKv<string[]>(SETTINGS, 'customFields') ?? []
  return new Map(names.map((n, i) => [String(i + 1), n] as [string, string]).filter(([, n]) => n !== ''))
}

/**
 * What a user does in QBO's settings screen: names the PO custom fields (at most three; '' leaves a slot
 * unused). Preferences shows them as QBO does: a BooleanType "Use…" entry and a StringType name per slot.
 */
export function setPoCustomFields(store: Store, names: string[]): void {
  if (names.length > 3) throw new Error('QBO allows three purchase-order custom fields')
  store.setKv(SETTINGS, 'customFields', names)
  const prefs = store.get('Preferences', '1')
  if (!prefs) return
  const vendor = isObject(prefs.VendorAndPurchasesPrefs) ? prefs.VendorAndPurchasesPrefs : {}
  const slots = [1, 2, 3]
  store.put('Preferences', {
    ...prefs,
    VendorAndPurchasesPrefs: {
      ...vendor,
      POCustomField: [
        {
          CustomField: slots.map((n) => ({
            Name: `PurchasePrefs.UsePurchaseCustom${n}`,
            Type: 'BooleanType',
            BooleanValue: Boolean(names[n - 1]),
          })),
        },
        {
          CustomField: slots
            .filter((n) => names[n - 1])
            .map((n) => ({
              Name: `PurchasePrefs.PurchaseCustomName${n}`,
              Type: 'StringType',
              StringValue: names[n - 1],
            })),
        },
      ],
    },
  })
}

/** A switch for tests: answer a sparse update of a PurchaseOrder with a fault, as QBO might (UNCONFIRMED). */
export function setRefuseSparse(store: Store, on: boolean): void {
  store.setKv(SETTINGS, 'refuseSparse', on)
}

export function assertSparseAllowed(store: Store, entity: string): void {
  if (entity === 'PurchaseOrder' && store.getKv<boolean>(SETTINGS, 'refuseSparse') === true)
    throw faults.unsupported('Operation sparse update is not supported for PurchaseOrder.')
}
