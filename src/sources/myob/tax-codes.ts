import type {TaxRate} from '../../domain/canonical.js'

export type Direction = 'sales' | 'purchases'

/**
 * MYOB AU tax codes (sources.md §4.3). One code serves both directions, so the staged tax rate id carries
 * the direction the transaction gives it ("GST/sales"), with the Xero-style report type mappers use.
 */
const AU_CODES: Record<string, {name: string; rate: string; sales?: string; purchases?: string}> = {
  GST: {name: 'Goods & Services Tax', rate: '10', sales: 'OUTPUT', purchases: 'INPUT'},
  FRE: {name: 'GST Free', rate: '0', sales: 'EXEMPTOUTPUT', purchases: 'EXEMPTEXPENSES'},
  EXP: {name: 'Export Sales', rate: '0', sales: 'EXEMPTEXPORT', purchases: 'EXEMPTEXPENSES'},
  CAP: {name: 'Capital Acquisitions', rate: '10', sales: 'OUTPUT', purchases: 'CAPEXINPUT'},
  INP: {name: 'Input Taxed', rate: '0', sales: 'INPUTTAXED', purchases: 'INPUTTAXED'},
  ITS: {name: 'Input Taxed Sales', rate: '0', sales: 'INPUTTAXED', purchases: 'INPUTTAXED'},
  'N-T': {name: 'Not Reportable', rate: '0', sales: 'BASEXCLUDED', purchases: 'BASEXCLUDED'},
  NTR: {name: 'Not Reportable', rate: '0', sales: 'BASEXCLUDED', purchases: 'BASEXCLUDED'},
  GNR: {name: 'GST Non-Registered', rate: '0', sales: 'EXEMPTOUTPUT', purchases: 'EXEMPTEXPENSES'},
  IMP: {name: 'Import Duty', rate: '0', purchases: 'GSTONIMPORTS'},
}

/**
 * The codes known (built in, or from a Tax Codes export) and the ones the files used. What a file adds or
 * uses is pending until the file is committed (`commit`), so a refused file leaves no tax rate behind.
 */
export class MyobTaxCodes {
  private readonly extra = new Map<string, {name: string; rate: string}>()
  private readonly used = new Map<string, TaxRate>()
  private pendingExtra = new Map<string, {name: string; rate: string}>()
  private pendingUsed = new Map<string, TaxRate>()

  begin(): void {
    this.pendingExtra = new Map()
    this.pendingUsed = new Map()
  }

  commit(): void {
    for (const [k, v] of this.pendingExtra) this.extra.set(k, v)
    for (const [k, v] of this.pendingUsed) if (!this.used.has(k)) this.used.set(k, v)
    this.begin()
  }

  /** A code from a Tax Codes export; known codes keep their report types. */
  addSupplied(code: string, name: string, rate: string): void {
    this.pendingExtra.set(code.toUpperCase(), {name, rate})
  }

  /** The staged tax rate id for a code used in one direction; undefined when the code is unknown. */
  resolve(code: string, direction: Direction): string | undefined {
    const c = code.trim().toUpperCase()
    const known = AU_CODES[c]
    const supplied = this.extra.get(c) ?? this.pendingExtra.get(c)
    if (!known && !supplied) return undefined
    const id = `${c}/${direction}`
    if (!this.used.has(id) && !this.pendingUsed.has(id)) {
      const reportType = known?.[direction]
      this.pendingUsed.set(id, {
        id,
        name: `${supplied?.name ?? known?.name ?? c} (${c}, ${direction})`,
        rate: supplied?.rate ?? known?.rate ?? '0',
        appliesTo: direction,
        ...(reportType ? {reportType} : {}),
        active: true,
      })
    }
    return id
  }

  rate(id: string): string {
    return (this.used.get(id) ?? this.pendingUsed.get(id))?.rate ?? '0'
  }

  staged(): TaxRate[] {
    return [...this.used.values()].sort((a, b) => (a.id < b.id ? -1 : 1))
  }
}
