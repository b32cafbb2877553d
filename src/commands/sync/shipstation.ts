import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {dbFlag} from '../../cli/flags.js'
import {realmFlag, timeScaleFromEnv} from '../../cli/qbo-flags.js'
import {renderSyncResult} from '../../cli/render-shipstation.js'
import {EXIT, UsageError} from '../../domain/errors.js'
import {clientWritePort} from '../../load/qbo-port.js'
import {
  DEFAULTS,
  JOB,
  runShipStationSync,
  type SyncDeps,
  type SyncResult,
} from '../../load/shipstation/index.js'
import {readStoreConfig} from '../../qbo/config.js'
import {openRealmClient, TokenStore} from '../../qbo/index.js'
import {readShipStationConfig, ShipStationClient} from '../../sources/shipstation/index.js'
import {openStaging} from '../../staging/index.js'
import {parseEvery, runEvery} from '../../sync/every.js'
import {withJobLock} from '../../sync/lock.js'
import {withProgress} from '../../ui/progress.js'

export default class SyncShipStation extends BaseCommand {
  static override summary =
    'Copy ShipStation tracking numbers to the QBO invoices of their orders, once or on a schedule.'
  static override description =
    'Reads the labels of each mapped ShipStation store (V1 API: SHIPSTATION_API_KEY, SHIPSTATION_API_SECRET, ' +
    "SHIPSTATION_BASE_URL for the emulator) since the last run, finds each order's invoice by the store's rule " +
    '(`qbo sync shipstation map`), and writes TrackingNum, ShipDate and ShipMethodRef by sparse update, exactly once. ' +
    'A rerun writes nothing; a voided label takes its number off, a reprint puts the new one on. A field someone ' +
    'changed in QBO is reported, not overwritten. Each run writes shipstation-runs/<run>.json beside the migration ' +
    'file. Exit code 3 when orders were parked, in conflict or refused. See docs/shipstation.md.'
  static override examples = [
    '<%= config.bin %> sync shipstation --once',
    '<%= config.bin %> sync shipstation --every 1h --json >> shipstation.log',
    '<%= config.bin %> sync shipstation --dry-run --since 2026-03-01 --store 310001',
  ]
  static override flags = {
    db: dbFlag,
    realm: realmFlag,
    once: Flags.boolean({
      description: 'Run once and exit (the default; for cron and systemd timers).',
      exclusive: ['every'],
    }),
    every: Flags.string({
      description: 'Run now and then every interval (15m, 1h …) until Ctrl-C or SIGTERM.',
    }),
    since: Flags.string({
      description:
        'Read labels from this date (YYYY-MM-DD) or ISO time instead of where the last run stopped.',
    }),
    store: Flags.string({description: 'Only this ShipStation store id (repeatable).', multiple: true}),
    'dry-run': Flags.boolean({
      description: 'Read and show the updates it would make; write and record nothing.',
    }),
    overlap: Flags.string({
      description:
        "Start each read this long before the last one stopped (ShipStation's time zone is unconfirmed).",
      default: '12h',
    }),
    'retry-days': Flags.integer({
      description: 'Retry an order with no invoice found for this many days, then park it.',
      default: DEFAULTS.retryDays,
      min: 0,
    }),
    'tracking-max': Flags.integer({
      description: "The most characters written to TrackingNum (QBO's limit is unconfirmed).",
      default: DEFAULTS.trackingMax,
      min: 10,
      max: 4000,
    }),
    'retry-parked': Flags.boolean({description: 'Try parked orders again.'}),
    'overwrite-conflicts': Flags.boolean({
      description: 'Let the labels win over changes made in QBO to the same fields.',
    }),
  }

  async run(): Promise<SyncResult | undefined> {
    const {flags} = await this.parse(SyncShipStation)
    const everyMs = flags.every ? parseEvery(flags.every) : undefined
    const overlapMs = parseEvery(flags.overlap, '--overlap')
    if (everyMs && flags['dry-run'])
      throw new UsageError('--dry-run runs once.', {next: 'Drop --every, or drop --dry-run.'})
    const config = readShipStationConfig(process.env)
    const staging = openStaging(flags.db)
    try {
      const client = openRealmClient(process.env, this.logger, {
        ...(flags.realm ? {realm: flags.realm} : {}),
        client: {timeScale: timeScaleFromEnv(process.env)},
      })
      const store = readStoreConfig(process.env)
      const tokens = new TokenStore({file: store.tokenFile, passphrase: store.passphrase})
      // One client for the process: its pacing spans runs under --every.
      const shipstation = new ShipStationClient({config, logger: this.logger})
      const port = clientWritePort(client)
      const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
      const deps = (onProgress?: (line: string) => void): SyncDeps => ({
        staging,
        qbo: client,
        port,
        shipstation,
        now: Date.now,
        sleep,
        logger: this.logger,
        ...(onProgress ? {onProgress} : {}),
        authStatus: () => tokens.get(client.realmId),
      })
      const options = {
        dbPath: flags.db,
        dryRun: flags['dry-run'],
        ...(flags.store ? {stores: flags.store} : {}),
        ...(flags.since ? {since: flags.since} : {}),
        overlapMs,
        retryDays: flags['retry-days'],
        trackingMax: flags['tracking-max'],
        retryParked: flags['retry-parked'],
        overwriteConflicts: flags['overwrite-conflicts'],
      }
      const once = () =>
        withProgress(
          `ShipStation → QBO company ${client.realmId}`,
          this.mode,
          async (progress) => {
            const run = () =>
              runShipStationSync(
                deps((line) => progress.update(line)),
                options,
              )
            return flags['dry-run'] ? run() : withJobLock(flags.db, JOB, run)
          },
          // Under --every, Ctrl-C stops after the run in hand (schedule below).
          {ownInterrupt: Boolean(everyMs)},
        )
      if (!everyMs) {
        const result = await once()
        this.show(result)
        if (result.counts.parked + result.counts.conflicts + result.counts.errors > 0)
          this.setExitCode(EXIT.parked)
        return result
      }
      await this.schedule(everyMs, once)
      return undefined
    } finally {
      staging.close()
    }
  }

  /** Without --json, the run for people (its warnings were logged on stderr as they came). */
  private show(result: SyncResult): void {
    if (!this.mode.json) this.log(renderSyncResult(result))
  }

  /** --every: one JSON line per run under --json; a failed run is reported and the schedule goes on. */
  private async schedule(everyMs: number, once: () => Promise<SyncResult>): Promise<void> {
    let stop = false
    const onSignal = () => {
      stop = true
      this.logger.info('Stopping after the run in hand…')
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
    try {
      await runEvery(
        {now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), stopped: () => stop},
        everyMs,
        once,
        {
          onResult: (result) => {
            if (this.mode.json) process.stdout.write(JSON.stringify(result) + '\n')
            this.show(result)
          },
          onError: (error) => {
            const e = this.toErrorJson(error)
            if (this.mode.json) process.stdout.write(JSON.stringify(e) + '\n')
            else process.stderr.write(`Run failed: ${e.error.message}\nNext: ${e.error.next}\n`)
          },
        },
      )
    } finally {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  }
}
