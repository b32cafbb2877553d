// Pure mapping of ShipStation labels to QBO invoice shipping fields (no I/O, no clock).
export {desiredShipping, joinTracking, TRACKING_NUM_MAX, type DesiredShipping} from './tracking.js'
export {shipMethodName, SHIP_VIA_MAX} from './ship-method.js'
export {
  docNumbersFor,
  markerLine,
  pickByDocNumber,
  pickOne,
  templateIsUsable,
  DOC_NUMBER_MAX,
  type Mapping,
  type MatchBy,
  type OrderKeys,
  type Pick,
} from './match.js'
export {
  changedMeanwhile,
  currentShipping,
  decide,
  invoiceFields,
  probeFields,
  shippingOf,
  type Decision,
} from './decide.js'
