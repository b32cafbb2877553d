import type {Po} from '../mappers/po/fields.js'

/**
 * Stable PDF file names, from DocNumber and vendor: `PO-1001_Acme-Supplies.pdf`. Characters a file system
 * may refuse become '-'; two purchase orders that would share a name both get their QBO id appended.
 * Decided once, when the batch is created, so a resume writes the same files.
 */
export function pdfNames(pos: readonly Po[]): Map<string, string> {
  const base = new Map(pos.map((po) => [String(po.Id), baseName(po)]))
  const counts = new Map<string, number>()
  for (const b of base.values()) counts.set(b.toLowerCase(), (counts.get(b.toLowerCase()) ?? 0) + 1)
  const out = new Map<string, string>()
  for (const [id, b] of base) out.set(id, `${(counts.get(b.toLowerCase()) ?? 0) > 1 ? `${b}_${id}` : b}.pdf`)
  return out
}

function baseName(po: Po): string {
  const vendor = (po.VendorRef as {name?: unknown} | undefined)?.name
  const doc = safe(String(po.DocNumber ?? '')) || `id${String(po.Id)}`
  const who = safe(typeof vendor === 'string' ? vendor : '')
  return (who ? `${doc}_${who}` : doc).slice(0, 120)
}

function safe(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
}
