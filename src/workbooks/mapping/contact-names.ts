/**
 * The Contact names sheet (read only): every customer or supplier whose QBO DisplayName is not its source
 * name, and why. Sources keep contacts apart that QBO would take for one (`Acme Traders` and `ACME TRADERS`
 * in Xero); the mapper numbers them, and the accountant sees it here before the load.
 */
import type {MappingExportInput} from './subject.js'

export interface ContactNameRow {
  sourceId: string
  sourceName: string
  role: string
  displayName: string
  code: string
  why: string
}

const NAME_CODES = new Set(['CONTACT_NAME_DISAMBIGUATED', 'CONTACT_RENAMED', 'CONTACT_NAME_CLEANED'])

export function contactNameRows(input: MappingExportInput): ContactNameRow[] {
  const rows: ContactNameRow[] = []
  for (const r of input.plan.records) {
    if (r.entity !== 'Customer' && r.entity !== 'Vendor') continue
    for (const d of r.decisions) {
      if (!NAME_CODES.has(d.code)) continue
      rows.push({
        sourceId: r.sourceId,
        sourceName: typeof d.detail.from === 'string' ? d.detail.from : '',
        role: r.entity === 'Customer' ? 'customer' : 'supplier',
        displayName: typeof d.detail.to === 'string' ? d.detail.to : '',
        code: d.code,
        why: d.message,
      })
    }
  }
  return rows.sort(
    (a, b) => a.displayName.localeCompare(b.displayName, 'en') || a.role.localeCompare(b.role, 'en'),
  )
}
