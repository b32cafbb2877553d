import {type InvoiceShipping, SHIPPING_FIELDS, type ShippingField} from '../../domain/shipstation.js'
import type {DesiredShipping} from './tracking.js'

export type InvoiceRow = Record<string, unknown>

/** What to do with one order's invoice. */
export type Decision =
  | {kind: 'unchanged'; current: InvoiceShipping}
  /** A sparse update of `fields` (only those that differ), made against the values read (`read`). */
  | {kind: 'write'; fields: InvoiceShipping; read: InvoiceShipping; after: InvoiceShipping}
  /** Someone else set a field the sync would write: reported, not overwritten. */
  | {
      kind: 'conflict'
      fields: ShippingField[]
      ours: InvoiceShipping
      theirs: InvoiceShipping
      reason: string
    }
  | {kind: 'invalid'; reason: string}

/** The shipping fields as the invoice holds them now; an absent field is ''. */
export function currentShipping(invoice: InvoiceRow): InvoiceShipping {
  const ref = invoice.ShipMethodRef
  const method =
    ref && typeof ref === 'object'
      ? String((ref as {value?: unknown; name?: unknown}).value ?? (ref as {name?: unknown}).name ?? '')
      : typeof ref === 'string'
        ? ref
        : ''
  return {
    TrackingNum: typeof invoice.TrackingNum === 'string' ? invoice.TrackingNum : '',
    ShipDate: typeof invoice.ShipDate === 'string' ? invoice.ShipDate.slice(0, 10) : '',
    ShipMethod: method,
  }
}

/** The sparse-update body for these fields: ShipMethodRef is free text, sent as value and name. */
export function invoiceFields(fields: InvoiceShipping): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (fields.TrackingNum !== undefined) out.TrackingNum = fields.TrackingNum
  if (fields.ShipDate !== undefined) out.ShipDate = fields.ShipDate
  if (fields.ShipMethod !== undefined) out.ShipMethodRef = {value: fields.ShipMethod, name: fields.ShipMethod}
  return out
}

/** How to tell afterwards that the update landed: a reference compared by its value only. */
export function probeFields(fields: InvoiceShipping): Record<string, unknown> {
  const out = invoiceFields(fields)
  if (fields.ShipMethod !== undefined) out.ShipMethodRef = {value: fields.ShipMethod}
  return out
}

/** The shipping fields a sparse-update body (or probe) carries, and only those. */
export function shippingOf(body: Record<string, unknown>): InvoiceShipping {
  const all = currentShipping(body)
  const out: InvoiceShipping = {}
  if ('TrackingNum' in body) out.TrackingNum = all.TrackingNum
  if ('ShipDate' in body) out.ShipDate = all.ShipDate
  if ('ShipMethodRef' in body) out.ShipMethod = all.ShipMethod
  return out
}

function keysOf(f: InvoiceShipping): ShippingField[] {
  return SHIPPING_FIELDS.filter((k) => f[k] !== undefined)
}

function only(f: InvoiceShipping, keys: readonly ShippingField[]): InvoiceShipping {
  return Object.fromEntries(keys.map((k) => [k, f[k] ?? ''])) as InvoiceShipping
}

/**
 * Decides one order's invoice, from what its labels call for, what the invoice holds, and what the sync
 * last wrote there (`written`; null before the first write):
 * - the invoice already holds it: unchanged (a rerun writes nothing);
 * - a field the sync wrote was changed since by someone else: a conflict, not overwritten;
 * - before the first write, a tracking number someone else put there: a conflict too (a ship date or method
 *   already there is replaced: invoices are often created with an expected date or a default method);
 * - otherwise a sparse update of the fields that differ. `overwrite` lets the sync's values win.
 */
export function decide(input: {
  desired: DesiredShipping
  invoice: InvoiceRow
  written: InvoiceShipping | null
  overwrite?: boolean
}): Decision {
  const {desired, invoice, written} = input
  if (desired.kind === 'too-long') {
    return {
      kind: 'invalid',
      reason: `tracking number ${desired.trackingNumber} is longer than the ${desired.max} characters the sync writes to TrackingNum`,
    }
  }
  const ours = desired.fields
  const keys = keysOf(ours)
  const current = currentShipping(invoice)
  const differ = keys.filter((k) => (current[k] ?? '') !== ours[k])
  if (differ.length === 0) return {kind: 'unchanged', current: only(current, keys)}
  const theirs = only(current, keys)
  if (!input.overwrite) {
    if (written) {
      const changed = differ.filter((k) => written[k] !== undefined && (current[k] ?? '') !== written[k])
      if (changed.length > 0) {
        return {
          kind: 'conflict',
          fields: changed,
          ours,
          theirs,
          reason: `${changed.join(', ')} changed in QBO since the sync wrote ${changed.map((k) => `"${written[k]}"`).join(', ')}`,
        }
      }
    } else if (differ.includes('TrackingNum') && current.TrackingNum) {
      return {
        kind: 'conflict',
        fields: ['TrackingNum'],
        ours,
        theirs,
        reason: `the invoice already has tracking number "${current.TrackingNum}", set outside the sync`,
      }
    }
  }
  return {
    kind: 'write',
    fields: only(ours, differ),
    read: only(current, differ),
    after: {...(written ?? {}), ...ours},
  }
}

/**
 * After a stale-object fault (5010): the fields about to be written, as read before and as read now. A
 * field that now holds neither the value read nor the value being written was changed by someone else
 * meanwhile: a conflict. (One that holds the value being written is no conflict: it may be this very
 * update, landed once already.) Otherwise decide again.
 */
export function changedMeanwhile(
  read: InvoiceShipping,
  ours: InvoiceShipping,
  fresh: InvoiceRow,
): ShippingField[] {
  const now = currentShipping(fresh)
  return keysOf(read).filter((k) => (now[k] ?? '') !== read[k] && (now[k] ?? '') !== ours[k])
}
