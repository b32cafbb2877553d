import {CheckpointsRepo} from './checkpoints.js'
import {type Clock, systemClock} from './clock.js'
import {type Db, openDatabase, type OpenOptions} from './database.js'
import {DecisionsRepo} from './decisions.js'
import {IdMapRepo} from './id-map.js'
import {MappingsRepo} from './mappings.js'
import {OutboxRepo} from './outbox.js'
import {ParkedRepo} from './parked.js'
import {RunsRepo} from './runs.js'
import {SettingsRepo} from './settings.js'
import {SourceFilesRepo} from './source-files.js'
import {SourceReportsRepo} from './source-reports.js'
import {StagedRecordsRepo} from './staged-records.js'

export {inTransaction, openDatabase, schemaVersion, type Db} from './database.js'
export type {Clock} from './clock.js'

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
  sourceReports: SourceReportsRepo
  close(): void
}

export function openStaging(file: string, options: OpenOptions & {clock?: Clock} = {}): Staging {
  const db = openDatabase(file, options)
  const clock = options.clock ?? systemClock
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
    sourceReports: new SourceReportsRepo(db, clock),
    close: () => db.close(),
  }
}
