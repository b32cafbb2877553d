import {faults} from '../faults.js'
import type {Json} from '../store.js'
import {isObject, maxLen} from './context.js'

/**
 * TrackingNum's limit is UNCONFIRMED (the XSD gives none); import tools for QBO document "Tracking No" as
 * 30 characters (integrations.md §2.1). The emulator holds QBO to that, so a client that writes more finds
 * out here rather than in production.
 */
export const TRACKING_NUM_MAX = 30

const CIVIL_DATE = /^\d{4}-\d{2}-\d{2}/

/**
 * The shipping fields of a sales form (integrations.md §2.1): TrackingNum is text; ShipDate a date;
 * ShipMethodRef free text ("There is no shipping method list. Reference resolves to a string"), kept with
 * its value as its name. An empty string or null clears a field, as on a sparse update.
 */
export function normalizeShipping(out: Json): void {
  if (out.TrackingNum === null) delete out.TrackingNum
  if (out.TrackingNum !== undefined) {
    if (typeof out.TrackingNum !== 'string')
      throw faults.invalidString('TrackingNum', 'TrackingNum must be a string')
    maxLen(out, 'TrackingNum', TRACKING_NUM_MAX)
  }
  if (out.ShipDate === null || out.ShipDate === '') delete out.ShipDate
  if (out.ShipDate !== undefined) {
    const d = typeof out.ShipDate === 'string' ? out.ShipDate.trim() : ''
    if (!CIVIL_DATE.test(d) || Number.isNaN(Date.parse(d.slice(0, 10))))
      throw faults.invalidString('ShipDate', `Invalid Date : ShipDate ${String(out.ShipDate)} is not a date`)
    out.ShipDate = d.slice(0, 10)
  }
  const ref = out.ShipMethodRef
  if (ref === null || ref === '') delete out.ShipMethodRef
  else if (typeof ref === 'string') out.ShipMethodRef = {value: ref, name: ref}
  else if (ref !== undefined) {
    if (!isObject(ref) || typeof ref.value !== 'string')
      throw faults.invalidString('ShipMethodRef', 'ShipMethodRef must carry a value')
    if (ref.value === '') delete out.ShipMethodRef
    else
      out.ShipMethodRef = {
        value: ref.value,
        name: typeof ref.name === 'string' && ref.name ? ref.name : ref.value,
      }
  }
}
