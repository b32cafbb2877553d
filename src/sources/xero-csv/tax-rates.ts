import type {TaxRate} from '../../domain/canonical.js'

/**
 * Xero's AU tax rates: API TaxType code, default display name, rate (sources.md §2.2). CSV files carry the
 * display NAME; staged records carry the code. Retired codes (NONE, EXEMPTINPUT) keep their old names so
 * pre-2013 files still resolve.
 */
const AU_RATES: readonly {code: string; name: string; rate: string; appliesTo: TaxRate['appliesTo']}[] = [
  {code: 'OUTPUT', name: 'GST on Income', rate: '10', appliesTo: 'sales'},
  {code: 'INPUT', name: 'GST on Expenses', rate: '10', appliesTo: 'purchases'},
  {code: 'CAPEXINPUT', name: 'GST on Capital', rate: '10', appliesTo: 'purchases'},
  {code: 'EXEMPTOUTPUT', name: 'GST Free Income', rate: '0', appliesTo: 'sales'},
  {code: 'EXEMPTEXPENSES', name: 'GST Free Expenses', rate: '0', appliesTo: 'purchases'},
  {code: 'EXEMPTCAPITAL', name: 'GST Free Capital', rate: '0', appliesTo: 'purchases'},
  {code: 'EXEMPTEXPORT', name: 'GST Free Exports', rate: '0', appliesTo: 'sales'},
  {code: 'INPUTTAXED', name: 'Input Taxed', rate: '0', appliesTo: 'both'},
  {code: 'BASEXCLUDED', name: 'BAS Excluded', rate: '0', appliesTo: 'both'},
  {code: 'GSTONIMPORTS', name: 'GST on Imports', rate: '0', appliesTo: 'purchases'},
  {code: 'GSTONCAPIMPORTS', name: 'GST on Capital Imports', rate: '0', appliesTo: 'purchases'},
  {code: 'NONE', name: 'No GST', rate: '0', appliesTo: 'both'},
  {code: 'EXEMPTINPUT', name: 'GST Exempt', rate: '0', appliesTo: 'purchases'},
]

const key = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase()

/** Display name -> tax rate, starting from the AU table and extended by a TaxRates export or mapping file. */
export class XeroTaxTable {
  private readonly byName = new Map<string, TaxRate>()
  private readonly byCode = new Map<string, TaxRate>()
  private readonly used = new Set<string>()
  private readonly supplied = new Set<string>()

  constructor() {
    for (const r of AU_RATES) {
      this.add({
        id: r.code,
        name: r.name,
        rate: r.rate,
        appliesTo: r.appliesTo,
        reportType: r.code,
        active: true,
      })
    }
    // Common variants seen in files: "No VAT" in the demo COA, "Tax Exempt" in journals.
    this.alias('No VAT', 'BASEXCLUDED')
    this.alias('Tax Exempt', 'EXEMPTEXPENSES')
    this.alias('GST Free', 'EXEMPTOUTPUT')
  }

  private add(rate: TaxRate): void {
    this.byName.set(key(rate.name), rate)
    if (!this.byCode.has(rate.id)) this.byCode.set(rate.id, rate)
  }

  /** A user's rate (renamed or custom, from a TaxRates export or mapping file) wins over the built-in one. */
  addSupplied(rate: TaxRate): void {
    this.byName.set(key(rate.name), rate)
    this.byCode.set(rate.id, rate)
    this.supplied.add(rate.id)
  }

  /** The built-in rate of a code, to inherit its direction and rate when a mapping file gives only a code. */
  builtIn(code: string): TaxRate | undefined {
    return this.byCode.get(code.trim().toUpperCase())
  }

  private alias(name: string, code: string): void {
    const r = this.byCode.get(code)
    if (r) this.byName.set(key(name), r)
  }

  /** The rate for a display name (or an API code, which some files carry); undefined when unknown. */
  resolve(name: string): TaxRate | undefined {
    const found = this.byName.get(key(name)) ?? this.byCode.get(name.trim().toUpperCase())
    if (found) this.used.add(found.id)
    return found
  }

  /** The built-in rates the files referred to, in code order (supplied ones are staged from their own file). */
  staged(): TaxRate[] {
    const all = new Map<string, TaxRate>()
    for (const r of this.byCode.values())
      if (this.used.has(r.id) && !this.supplied.has(r.id)) all.set(r.id, r)
    return [...all.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }
}
