import {D, type Dec} from '../../domain/money.js'
import {parseMyobMoney} from '../files/parse-values.js'

/**
 * An amount cell of a report: blank is zero; `1,234.56`, `$1,234.56`, `-1,234.56`, `(1,234.56)` and a
 * trailing `CR` / `DR` (credit negative) are read; anything else is undefined. Xero prints debits and credits
 * in separate columns; MYOB's money format follows the PC's regional settings (sources.md §7.1, §7.3).
 */
export function reportAmount(text: string): Dec | undefined {
  let t = text.trim()
  if (t === '' || t === '-' || t === '—') return new D(0)
  let sign = 1
  const side = /\s*(CR|DR|Cr|Dr)$/.exec(t)
  if (side) {
    if (side[1]!.toUpperCase() === 'CR') sign = -1
    t = t.slice(0, side.index).trim()
  }
  const value = parseMyobMoney(t)
  return value === undefined ? undefined : value.times(sign)
}
