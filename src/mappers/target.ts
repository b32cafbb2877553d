import {z} from 'zod'

import {monthNumber} from '../domain/civil-date.js'
import {isQboEntity, type QboEntity} from '../domain/entities.js'
import {dec} from '../domain/money.js'
import type {TargetCompany} from './context.js'

/**
 * QBO's own JSON (query results) -> TargetCompany, validated where it enters: the QBO client reads the
 * company (SELECT * FROM Account, TaxCode, … and Preferences) and hands the rows here. Only the fields the
 * mappers use are checked; the rest pass through untouched.
 */
const active = z.boolean().optional().default(true)
const Named = z.looseObject({Id: z.string(), Name: z.string(), Active: active})
const NameHolder = z.looseObject({Id: z.string(), DisplayName: z.string(), Active: active})
const RateList = z.looseObject({TaxRateDetail: z.array(z.unknown()).optional()}).optional()

const QboAccountJson = z.looseObject({
  Id: z.string(),
  Name: z.string(),
  AcctNum: z.string().optional(),
  AccountType: z.string(),
  AccountSubType: z.string().optional(),
  Classification: z.string().optional(),
  CurrencyRef: z.looseObject({value: z.string()}).optional(),
  Active: active,
})

const QboTaxCodeJson = z.looseObject({
  Id: z.string(),
  Name: z.string(),
  Active: active,
  SalesTaxRateList: RateList,
  PurchaseTaxRateList: RateList,
})

const QboTaxRateJson = z.looseObject({
  Id: z.string(),
  RateValue: z.union([z.number(), z.string()]).optional(),
})

const QboDocumentJson = z.looseObject({
  Id: z.string(),
  DocNumber: z.string().optional(),
  TxnDate: z.string(),
  TotalAmt: z.union([z.number(), z.string()]).optional(),
  PrivateNote: z.string().optional(),
})

const PreferencesJson = z.looseObject({
  AccountingInfoPrefs: z.looseObject({FirstMonthOfFiscalYear: z.string().optional()}).optional(),
  CurrencyPrefs: z
    .looseObject({
      MultiCurrencyEnabled: z.boolean().optional(),
      HomeCurrency: z.looseObject({value: z.string()}).optional(),
    })
    .optional(),
})

export const QboCompanyJson = z.object({
  preferences: PreferencesJson,
  accounts: z.array(QboAccountJson),
  taxCodes: z.array(QboTaxCodeJson),
  /** TaxRate rows, to know each code's percentage; optional (older callers read only the codes). */
  taxRates: z.array(QboTaxRateJson).optional(),
  classes: z.array(Named).default([]),
  departments: z.array(Named).default([]),
  terms: z.array(Named).default([]),
  paymentMethods: z.array(Named).default([]),
  items: z.array(Named).default([]),
  customers: z.array(NameHolder).default([]),
  vendors: z.array(NameHolder).default([]),
  employees: z.array(NameHolder).default([]),
  /** Documents per QBO entity name ("Invoice", "Bill" …). */
  documents: z.record(z.string(), z.array(QboDocumentJson)).default({}),
})

export type QboCompanyJson = z.input<typeof QboCompanyJson>

const hasRates = (list: {TaxRateDetail?: unknown[]} | undefined) => (list?.TaxRateDetail?.length ?? 0) > 0

const RateRef = z.looseObject({TaxRateRef: z.looseObject({value: z.string()})})

/** The percentage a code's rate list applies: the sum of its rates' RateValue; undefined when one is unknown. */
function listRate(
  list: {TaxRateDetail?: unknown[]} | undefined,
  rates: ReadonlyMap<string, string> | undefined,
): string | undefined {
  if (!rates) return undefined
  let total = dec(0)
  for (const detail of list?.TaxRateDetail ?? []) {
    const ref = RateRef.safeParse(detail)
    const value = ref.success ? rates.get(ref.data.TaxRateRef.value) : undefined
    if (value === undefined) return undefined
    total = total.plus(dec(value))
  }
  return total.toString()
}

/** Throws a ZodError naming the offending field when QBO's answer is not what the mappers expect. */
export function targetFromQbo(raw: unknown, fallbackHomeCurrency = 'AUD'): TargetCompany {
  const q = QboCompanyJson.parse(raw)
  const prefs = q.preferences.CurrencyPrefs
  const pick = <T extends {Id: string; Name: string; Active: boolean}>(x: T) => ({
    Id: x.Id,
    Name: x.Name,
    Active: x.Active,
  })
  const holder = <T extends {Id: string; DisplayName: string; Active: boolean}>(x: T) => ({
    Id: x.Id,
    DisplayName: x.DisplayName,
    Active: x.Active,
  })
  const rates = q.taxRates
    ? new Map(q.taxRates.map((r) => [r.Id, String(r.RateValue ?? 0)] as const))
    : undefined
  const fiscalYearStartMonth = monthNumber(q.preferences.AccountingInfoPrefs?.FirstMonthOfFiscalYear)
  return {
    ...(fiscalYearStartMonth ? {fiscalYearStartMonth} : {}),
    homeCurrency: prefs?.HomeCurrency?.value ?? fallbackHomeCurrency,
    multiCurrency: prefs?.MultiCurrencyEnabled ?? false,
    accounts: q.accounts.map((a) => ({
      Id: a.Id,
      Name: a.Name,
      AcctNum: a.AcctNum,
      AccountType: a.AccountType,
      AccountSubType: a.AccountSubType,
      Classification: a.Classification,
      ...(a.CurrencyRef ? {currency: a.CurrencyRef.value} : {}),
      Active: a.Active,
    })),
    taxCodes: q.taxCodes.map((t) => ({
      Id: t.Id,
      Name: t.Name,
      Active: t.Active,
      hasSalesRate: hasRates(t.SalesTaxRateList),
      hasPurchaseRate: hasRates(t.PurchaseTaxRateList),
      ...optionalRate('salesRate', listRate(t.SalesTaxRateList, rates)),
      ...optionalRate('purchaseRate', listRate(t.PurchaseTaxRateList, rates)),
    })),
    classes: q.classes.map(pick),
    departments: q.departments.map(pick),
    terms: q.terms.map(pick),
    paymentMethods: q.paymentMethods.map(pick),
    items: q.items.map(pick),
    customers: q.customers.map(holder),
    vendors: q.vendors.map(holder),
    employees: q.employees.map(holder),
    documents: Object.entries(q.documents)
      .filter((e): e is [QboEntity, (typeof e)[1]] => isQboEntity(e[0]))
      .flatMap(([entity, rows]) =>
        rows.map((d) => ({
          entity,
          Id: d.Id,
          DocNumber: d.DocNumber,
          TxnDate: d.TxnDate,
          // QBO sends amounts as JSON numbers already rounded to cents; parse them into decimal text once.
          TotalAmt: dec(d.TotalAmt ?? 0).toFixed(2),
          PrivateNote: d.PrivateNote,
        })),
      ),
  }
}

const optionalRate = <K extends string>(key: K, value: string | undefined) =>
  (value === undefined ? {} : {[key]: value}) as Partial<Record<K, string>>
