import {BaseCommand} from '../../../cli/base-command.js'
import {dbFlag} from '../../../cli/flags.js'
import {realmFlag} from '../../../cli/qbo-flags.js'
import {renderStatus} from '../../../cli/render-shipstation.js'
import {type ShipStationStatus, shipStationStatus} from '../../../load/shipstation/index.js'
import {openStaging} from '../../../staging/index.js'

export default class SyncShipStationStatus extends BaseCommand {
  static override summary =
    'Show the ShipStation sync: stores, last runs, and orders waiting or needing a look.'
  static override description =
    'Reads the migration file only (no ShipStation or QBO call): each mapped store, where its next read starts ' +
    'and its orders by state; the latest runs with their counts; and every order unmatched, parked, in conflict ' +
    'or refused by QBO, with the reason. --json is what a status page shows.'
  static override examples = [
    '<%= config.bin %> sync shipstation status',
    '<%= config.bin %> sync shipstation status --json',
  ]
  static override flags = {db: dbFlag, realm: realmFlag}

  async run(): Promise<ShipStationStatus> {
    const {flags} = await this.parse(SyncShipStationStatus)
    const staging = openStaging(flags.db, {mustExist: true})
    try {
      const realmId = flags.realm ?? process.env.QBO_REALM_ID
      const status = shipStationStatus(staging, realmId ? {realmId} : {})
      if (!this.mode.json) this.log(renderStatus(status))
      return status
    } finally {
      staging.close()
    }
  }
}
