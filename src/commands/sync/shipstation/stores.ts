import {BaseCommand} from '../../../cli/base-command.js'
import {dbFlag} from '../../../cli/flags.js'
import {JOB} from '../../../load/shipstation/index.js'
import {listStores, readShipStationConfig, ShipStationClient} from '../../../sources/shipstation/index.js'
import {openStaging} from '../../../staging/index.js'

interface StoreLine {
  storeId: string
  name: string | null
  marketplace: string | null
  active: boolean
  matchBy: string | null
  matchValue: string | null
  watermark: string | null
}

export default class SyncShipStationStores extends BaseCommand {
  static override summary = 'List the ShipStation stores and how each is mapped to QBO invoices.'
  static override examples = [
    '<%= config.bin %> sync shipstation stores',
    '<%= config.bin %> sync shipstation stores --json',
  ]
  static override flags = {db: dbFlag}

  async run(): Promise<{stores: StoreLine[]}> {
    const {flags} = await this.parse(SyncShipStationStores)
    const client = new ShipStationClient({config: readShipStationConfig(process.env), logger: this.logger})
    const remote = await listStores(client)
    const staging = openStaging(flags.db)
    try {
      const mapped = new Map(staging.shipstation.mappings().map((m) => [m.storeId, m]))
      const stores = remote.map((s) => ({
        ...s,
        matchBy: mapped.get(s.storeId)?.matchBy ?? null,
        matchValue: mapped.get(s.storeId)?.matchValue ?? null,
        watermark: staging.watermarks.get(JOB, `store:${s.storeId}`) ?? null,
      }))
      if (!this.mode.json) {
        for (const s of stores) {
          const how = s.matchBy
            ? `by ${s.matchBy} "${s.matchValue}"`
            : 'not mapped (`qbo sync shipstation map ' + s.storeId + ' --by …`)'
          this.log(`${s.storeId}  ${s.name ?? ''}${s.active ? '' : ' (inactive)'}  ${how}`)
        }
      }
      return {stores}
    } finally {
      staging.close()
    }
  }
}
