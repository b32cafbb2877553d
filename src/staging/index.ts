import {statSync} from 'node:fs'

import {StorageError} from '../domain/errors.js'
import {CheckpointsRepo} from './checkpoints.js'
import {type Clock, systemClock} from './clock.js'
import {type Db, openDatabase, type OpenOptions} from './database.js'
import {DecisionsRepo} from './decisions.js'
import {IdMapRepo} from './id-map.js'
import {MappingsRepo} from './mappings.js'
import {OutboxRepo} from './outbox.js'
import {ParkedRepo} from './parked.js'
import {PoBatchesRepo} from './po-batches.js'
import {PricesRepo} from './prices.js'
import {RunsRepo} from './runs.js'
import {SettingsRepo} from './settings.js'
import {ShipStationRepo} from './shipstation.js'
import {ShopifyRepo} from './shopify.js'
import {SourceFilesRepo} from './source-files.js'
import {SourceReportsRepo} from './source-reports.js'
import {StagedRecordsRepo} from './staged-records.js'
import {WatermarksRepo} from './watermarks.js'

export {inTransaction, openDatabase, schemaVersion, type Db} from './database.js'
export type {Clock} from './clock.js'
export type {PoBatch, PoBatchItem, PoBatchMail} from './po-batches.js'

/** The staging file with one repository per table. Engines take this (or the repos they need). */
export interface Staging {
  db: Db
  runs: RunsRepo
  sourceFiles: SourceFilesRepo
  staged: StagedRecordsRepo
  mappings: MappingsRepo
  idMap: IdMapRepo
  outbox: OutboxRepo
  checkpoints: CheckpointsRepo
  parked: ParkedRepo
  decisions: DecisionsRepo
  settings: SettingsRepo
  watermarks: WatermarksRepo
  sourceReports: SourceReportsRepo
  poBatches: PoBatchesRepo
  /** The ShipStation tracking sync's state (docs/shipstation.md). */
  shipstation: ShipStationRepo
  /** The price-list integration: profiles, supplier codes, diffs, audit (docs/prices.md). */
  prices: PricesRepo
  /** The Shopify sync's stores, orders, documents and webhook deliveries (docs/shopify.md). */
  shopify: ShopifyRepo
  /**
   * Throws a StorageError when the file at the path this was opened from is no longer the one open (moved
   * or deleted while in use): SQLite would go on writing into a file the user no longer has.
   */
  ensureInPlace(): void
  close(): void
}

export function openStaging(file: string, options: OpenOptions & {clock?: Clock} = {}): Staging {
  const db = openDatabase(file, options)
  const clock = options.clock ?? systemClock
  const opened = file === ':memory:' ? undefined : identityOf(file)
  return {
    db,
    runs: new RunsRepo(db, clock),
    sourceFiles: new SourceFilesRepo(db, clock),
    staged: new StagedRecordsRepo(db, clock),
    mappings: new MappingsRepo(db, clock),
    idMap: new IdMapRepo(db, clock),
    outbox: new OutboxRepo(db, clock),
    checkpoints: new CheckpointsRepo(db, clock),
    parked: new ParkedRepo(db, clock),
    decisions: new DecisionsRepo(db, clock),
    settings: new SettingsRepo(db, clock),
    watermarks: new WatermarksRepo(db, clock),
    sourceReports: new SourceReportsRepo(db, clock),
    poBatches: new PoBatchesRepo(db, clock),
    shipstation: new ShipStationRepo(db, clock),
    prices: new PricesRepo(db, clock),
    shopify: new ShopifyRepo(db, clock),
    ensureInPlace: () => {
      const now = opened && identityOf(file)
      if (!opened || now === opened) return
      // What was recorded since the last checkpoint sits in the WAL beside the old path: push it into the
      // file itself, wherever it now is, so that resuming from there loses nothing.
      db.pragma('wal_checkpoint(TRUNCATE)')
      throw new StorageError(
        now === ''
          ? `The migration file ${file} was moved or deleted while the command was using it.`
          : `The migration file ${file} was replaced by another file while the command was using it.`,
        {
          next:
            'Put the file back where it was (or pass --db with where it is now), then run the same command again; ' +
            'a load continues with `qbo migrate load --resume` and writes nothing twice.',
          data: {path: file},
        },
      )
    },
    close: () => {
      if (opened && !db.readonly && identityOf(file) !== opened) db.pragma('wal_checkpoint(TRUNCATE)')
      db.close()
    },
  }
}

/** Device and inode of a file, or '' when there is none at that path. */
function identityOf(file: string): string {
  try {
    const s = statSync(file)
    return `${s.dev}:${s.ino}`
  } catch {
    return ''
  }
}
