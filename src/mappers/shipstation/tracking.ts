import type {InvoiceShipping, ShipmentRecord} from '../../domain/shipstation.js'
import {shipMethodName} from './ship-method.js'

/**
 * QBO's TrackingNum length is UNCONFIRMED (integrations.md §2.1: the XSD gives none); import tools for
 * QBO document 30 characters for "Tracking No" (secondary). The sync writes at most this many, by default.
 */
export const TRACKING_NUM_MAX = 30

const SEPARATOR = ', '

/** What an order's labels say its invoice should show. */
export type DesiredShipping =
  /** Live labels: their tracking numbers (all that fit), the newest label's ship date and method. */
  | {kind: 'set'; fields: InvoiceShipping; live: ShipmentRecord[]; omitted: string[]}
  /** Every label was voided: the tracking number comes off the invoice (date and method are left as they are). */
  | {kind: 'clear'; fields: InvoiceShipping}
  /** A single tracking number longer than the field: not cut short (a cut tracking number is a wrong one). */
  | {kind: 'too-long'; trackingNumber: string; max: number}

/** Oldest label first: by ship date, then when it was made, then its id. */
function byAge(a: ShipmentRecord, b: ShipmentRecord): number {
  return (
    (a.shipDate ?? '').localeCompare(b.shipDate ?? '') ||
    (a.createDate ?? '').localeCompare(b.createDate ?? '') ||
    Number(a.shipmentId) - Number(b.shipmentId) ||
    a.shipmentId.localeCompare(b.shipmentId)
  )
}

/**
 * The tracking numbers of several parcels, joined within `max` characters: "1Z…01, 1Z…02"; when they do
 * not all fit, as many as fit (oldest first) and "+N" for the rest, which the run reports by number.
 */
export function joinTracking(
  numbers: readonly string[],
  max: number,
): {text: string; omitted: string[]} | undefined {
  for (let k = numbers.length; k >= 1; k--) {
    const rest = numbers.length - k
    const text = numbers.slice(0, k).join(SEPARATOR) + (rest > 0 ? ` +${rest}` : '')
    if (text.length <= max) return {text, omitted: numbers.slice(k)}
  }
  const first = numbers[0]
  return first !== undefined && first.length <= max ? {text: first, omitted: numbers.slice(1)} : undefined
}

/**
 * The invoice fields an order's labels call for. A voided label counts for nothing, so a void followed by a
 * reprint leaves the reprint's number only; several live labels (parcels) are all listed.
 */
export function desiredShipping(labels: readonly ShipmentRecord[], max = TRACKING_NUM_MAX): DesiredShipping {
  const live = labels.filter((l) => !l.voided).sort(byAge)
  if (live.length === 0) return {kind: 'clear', fields: {TrackingNum: ''}}
  const numbers = [...new Set(live.map((l) => l.trackingNumber))]
  const joined = joinTracking(numbers, max)
  if (!joined) return {kind: 'too-long', trackingNumber: numbers[0]!, max}
  const newest = live[live.length - 1]!
  const shipDate = live
    .map((l) => l.shipDate)
    .filter((d): d is string => !!d)
    .sort()
    .pop()
  const method = shipMethodName(newest.carrierCode, newest.serviceCode)
  return {
    kind: 'set',
    fields: {
      TrackingNum: joined.text,
      ...(shipDate ? {ShipDate: shipDate} : {}),
      ...(method ? {ShipMethod: method} : {}),
    },
    live,
    omitted: joined.omitted,
  }
}
