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

/**
 * Display name -> tax rate, starting from the AU table and extended by a tax rates file. A file that lists
 * any of Xero's own codes (OUTPUT, INPUT …) is taken as the organisation's whole list: from then on a name
 * it does not have is refused, even one the AU table knows. A file of custom rates only extends the table.
 * What a file adds or uses is pending until the file is committed (`commit`).
 */
export class XeroTaxTable {
  private readonly builtInByName = new Map<string, TaxRate>()
  private readonly builtInByCode = new Map<string, TaxRate>()
  private readonly byName = new Map<string, TaxRate>()
  private readonly byCode = new Map<string, TaxRate>()
  private readonly used = new Set<string>()
  private pendingSupplied: TaxRate[] = []
  private pendingUsed = new Set<string>()
  /** A committed tax rates file is the organisation's whole list. */
  private wholeList = false

  constructor() {
    for (const r of AU_RATES) {
      const rate: TaxRate = {
        id: r.code,
        name: r.name,
        rate: r.rate,
        appliesTo: r.appliesTo,
        reportType: r.code,
        active: true,
      }
      this.builtInByName.set(key(rate.name), rate)
      if (!this.builtInByCode.has(rate.id)) this.builtInByCode.set(rate.id, rate)
    }
    // Common variants seen in files: "No VAT" in the demo COA, "Tax Exempt" in journals.
    this.alias('No VAT', 'BASEXCLUDED')
    this.alias('Tax Exempt', 'EXEMPTEXPENSES')
    this.alias('GST Free', 'EXEMPTOUTPUT')
  }

  private alias(name: string, code: string): void {
    const r = this.builtInByCode.get(code)
    if (r) this.builtInByName.set(key(name), r)
  }

  begin(): void {
    this.pendingSupplied = []
    this.pendingUsed = new Set()
  }

  commit(): void {
    for (const rate of this.pendingSupplied) {
      this.byName.set(key(rate.name), rate)
      this.byCode.set(rate.id, rate)
      if (this.builtInByCode.has(rate.id)) this.wholeList = true
    }
    for (const id of this.pendingUsed) this.used.add(id)
    this.begin()
  }

  /** A user's rate (renamed or custom, from a tax rates file) wins over the built-in one. */
  addSupplied(rate: TaxRate): void {
    this.pendingSupplied.push(rate)
  }

  /** The built-in rate of a code, to inherit its direction and rate when a mapping file gives only a code. */
  builtIn(code: string): TaxRate | undefined {
    return this.builtInByCode.get(code.trim().toUpperCase())
  }

  /** The rate for a display name (or an API code, which some files carry); undefined when unknown. */
  resolve(name: string): TaxRate | undefined {
    const code = name.trim().toUpperCase()
    const found =
      this.byName.get(key(name)) ??
      this.byCode.get(code) ??
      (this.wholeList ? undefined : (this.builtInByName.get(key(name)) ?? this.builtInByCode.get(code)))
    if (found) this.pendingUsed.add(found.id)
    return found
  }

  /** Why a name does not resolve, for the refusal. */
  unknown(name: string): string {
    const builtIn = this.builtInByName.get(key(name)) ?? this.builtInByCode.get(name.trim().toUpperCase())
    return this.wholeList && builtIn
      ? `tax rate "${name}" is not in the tax rates file exported beside it`
      : `unknown tax rate name "${name}"`
  }

  /** The built-in rates the files referred to, in code order (supplied ones are staged from their own file). */
  staged(): TaxRate[] {
    return [...this.used]
      .filter((id) => !this.byCode.has(id))
      .map((id) => this.builtInByCode.get(id))
      .filter((r): r is TaxRate => r !== undefined)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }
}
