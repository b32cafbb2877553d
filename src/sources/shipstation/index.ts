// ShipStation V1 (never V2: integrations.md §1.1): the connection, the paced client and the reads.
export {readShipStationConfig, type ShipStationConfig, SHIPSTATION_V1_URL} from './config.js'
export {ShipStationClient, type ShipStationStats} from './client.js'
export {listStores, readStoreShipments, type StoreInfo, type StoreShipments, type Ignored} from './read.js'
export {pacificFilterTime} from './dates.js'
