import {Flags} from '@oclif/core'
import open from 'open'

import {BaseCommand} from '../cli/base-command.js'
import {dbFlag} from '../cli/flags.js'
import {realmFlag, timeScaleFromEnv} from '../cli/qbo-flags.js'
import {currentUser} from '../cli/render-prices.js'
import {startDashboard} from '../dashboard/server.js'
import {clientPricesQbo, type PricesQbo} from '../load/prices/index.js'
import {openRealmClient} from '../qbo/index.js'
import {openStaging} from '../staging/index.js'

export default class Dashboard extends BaseCommand {
  static override summary =
    'Open the local dashboard: supplier price lists (drop, review the diff, apply), and where the syncs and batches stand.'
  static override description =
    'Serves a web page on 127.0.0.1 only (nothing is loaded from the internet) until Ctrl-C. The printed URL holds a ' +
    'random session token: only whoever has it can use the page, and every change must come from the page itself. ' +
    'The price-list page runs the same engine as `qbo prices diff` and `qbo prices apply`; the "Syncs and batches" page ' +
    'shows what `qbo sync shipstation status` and `qbo po status` show; both on the same migration file.'
  static override examples = [
    '<%= config.bin %> dashboard',
    '<%= config.bin %> dashboard --port 8090 --no-browser',
  ]
  static override enableJsonFlag = false
  static override flags = {
    db: dbFlag,
    realm: realmFlag,
    port: Flags.integer({
      description: 'Port on 127.0.0.1 (0 = a free port).',
      default: 0,
      min: 0,
      max: 65535,
    }),
    browser: Flags.boolean({
      description: 'Open the browser (--no-browser only prints the URL).',
      default: true,
      allowNo: true,
    }),
    'max-upload': Flags.integer({
      description: 'Largest file accepted, in MB.',
      default: 20,
      min: 1,
      max: 200,
    }),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Dashboard)
    const staging = openStaging(flags.db)
    let qbo: PricesQbo | undefined
    const dashboard = await startDashboard({
      port: flags.port,
      deps: {
        staging,
        dbPath: flags.db,
        logger: this.logger,
        actor: `${currentUser()} (dashboard)`,
        now: Date.now,
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        // Opened on first use, so the page can say how to connect instead of the command failing to start.
        qbo: () =>
          (qbo ??= clientPricesQbo(
            openRealmClient(process.env, this.logger, {
              ...(flags.realm ? {realm: flags.realm} : {}),
              client: {timeScale: timeScaleFromEnv(process.env)},
            }),
          )),
        uploadLimit: flags['max-upload'] * 1024 * 1024,
      },
    })
    this.log(`Dashboard: ${dashboard.url}`)
    this.logToStderr('Keep this URL to yourself: it is the key to the page. Ctrl-C stops the dashboard.')
    if (flags.browser) await open(dashboard.url).catch(() => undefined)
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve)
      process.once('SIGTERM', resolve)
    })
    await dashboard.close()
    staging.close()
  }
}
