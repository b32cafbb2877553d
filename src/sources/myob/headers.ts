import {type Verdict, otherSource, verdictOf} from '../files/units.js'
import {isXeroExport} from '../xero-csv/headers.js'
import {expandMyobHeaders, isMyobExport} from './expand-headers.js'
import {MYOB, type MyobFileType} from './layouts.js'

// They live in expand-headers.ts so that the Xero extract can use them without importing this file, which
// imports xero-csv (the two sources would import each other).
export {expandMyobHeaders, isMyobExport}

/** A MYOB export's type from its header row alone (never its file name): MYOB.recognise on expanded names. */
export function recogniseMyobLayout(names: readonly string[]): Verdict<MyobFileType> | undefined {
  return verdictOf(MYOB.recognise(expandMyobHeaders(names)), 'MYOB AccountRight')
}

/**
 * What `--from myob` does with a file: read it, refuse it (with why), or (undefined) skip it as no export.
 * A header only loosely like a MYOB export that is clearly a Xero one is refused as Xero's.
 */
export function recogniseMyobFile(names: readonly string[]): Verdict<MyobFileType> | undefined {
  if (isMyobExport(names)) return recogniseMyobLayout(names)
  if (isXeroExport(names)) return otherSource('a Xero CSV export', 'xero-csv')
  return recogniseMyobLayout(names)
}
