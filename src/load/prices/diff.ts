import {inTransaction} from '../../staging/index.js'
import {UsageError} from '../../domain/errors.js'
import {D} from '../../domain/money.js'
import {DEFAULT_THRESHOLD, diffPriceList} from '../../mappers/price-list/index.js'
import {type PriceFile, readPriceList} from '../../sources/price-list/index.js'
import {resolveProfile} from './profiles.js'
import {vendorNamed} from './qbo.js'
import {type SettleDeps, settleEarlierWrites} from './settle.js'
import {type DiffView, diffView} from './view.js'

/** As an apply's: a diff first settles writes an earlier apply left without an answer. */
export type DiffDeps = SettleDeps

export interface DiffInput {
  file: PriceFile
  supplier: string
  /** The profile's name; default: the supplier's only profile. */
  profile?: string
  /** Percentage above which a change is flagged (default 30). */
  thresholdPercent?: string
}

/**
 * `qbo prices diff` and the dashboard's "show the diff": reads the file with the supplier's profile, reads
 * the company's items, diffs them (mappers/price-list) and stores the diff with its lines. Writes nothing
 * to QBO; `applyPriceDiff` does, later, from what is stored here.
 */
export async function createPriceDiff(deps: DiffDeps, input: DiffInput): Promise<DiffView> {
  const {staging, qbo, logger} = deps
  const profile = resolveProfile(staging, input.supplier, input.profile)
  const threshold = thresholdFraction(input.thresholdPercent)
  const read = await readPriceList(input.file, profile)
  await settleEarlierWrites(deps)
  logger.info(
    `Read ${read.rows.length} priced rows of ${input.file.name} (sheet "${read.sheet}", header row ${read.headerRow}).`,
  )
  const [items, vendors] = await Promise.all([qbo.items(), qbo.vendors()])
  const vendor = vendorNamed(vendors, profile.supplier)
  logger.info(`Read ${items.length} items from QBO company ${qbo.realmId}.`)
  const codes = staging.prices
    .codes(qbo.realmId, profile.supplier)
    .map((c) => ({code: c.code, itemId: c.itemId}))
  const result = diffPriceList({read, profile, items, vendorId: vendor?.id ?? null, codes, threshold})
  const {rows, headers: _headers, incGstColumns: _inc, ...file} = read
  const id = inTransaction(staging.db, () =>
    staging.prices.insertDiff({
      realmId: qbo.realmId,
      supplier: profile.supplier,
      vendorId: vendor?.id ?? null,
      profileJson: JSON.stringify(profile),
      fileName: read.fileName,
      fileHash: read.fileHash,
      readJson: JSON.stringify({...file, rows: rows.length}),
      warningsJson: JSON.stringify(result.warnings),
      countsJson: JSON.stringify(result.counts),
      threshold,
      createdBy: deps.actor,
      lines: result.lines.map((l) => ({
        line: l.line,
        status: l.status,
        itemId: l.item?.id ?? null,
        syncToken: l.item?.syncToken ?? null,
        lineJson: JSON.stringify(l),
      })),
    }),
  )
  return diffView(staging, id)
}

function thresholdFraction(percent: string | undefined): string {
  if (percent === undefined) return DEFAULT_THRESHOLD
  const n = Number(percent)
  if (!/^\d+(\.\d+)?$/.test(percent.trim()) || !(n > 0) || n > 1000)
    throw new UsageError(`--threshold ${percent} is not a percentage`, {
      next: 'Give a number such as 30 (for 30%).',
    })
  return new D(percent.trim()).div(100).toFixed()
}
