/**
 * QBO's ShipMethodRef is free text ("There is no shipping method list. Reference resolves to a string",
 * integrations.md §2.1); the invoice form's "Ship via" holds about 30 characters (secondary sources;
 * UNCONFIRMED). ShipStation gives codes (carrierCode "ups", serviceCode "ups_ground"): shown here as
 * "UPS Ground".
 */
export const SHIP_VIA_MAX = 30

const CARRIERS: Record<string, string> = {
  ups: 'UPS',
  ups_walleted: 'UPS',
  fedex: 'FedEx',
  fedex_walleted: 'FedEx',
  stamps_com: 'USPS',
  usps: 'USPS',
  endicia: 'USPS',
  dhl_express: 'DHL Express',
  dhl_express_worldwide: 'DHL Express',
  dhl_ecommerce: 'DHL eCommerce',
  australia_post: 'Australia Post',
  canada_post: 'Canada Post',
  royal_mail: 'Royal Mail',
  sendle: 'Sendle',
  startrack: 'StarTrack',
}

/** Words written in capitals: carrier and country abbreviations. */
const UPPER = new Set(['ups', 'usps', 'dhl', 'uk', 'us', 'au', 'nz', 'eu'])

function words(code: string): string[] {
  return code.split(/[_\s-]+/).filter(Boolean)
}

function title(word: string): string {
  return UPPER.has(word.toLowerCase())
    ? word.toUpperCase()
    : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()
}

/** "UPS Ground" from ("ups", "ups_ground"); undefined when ShipStation gave neither code. */
export function shipMethodName(
  carrierCode: string | null,
  serviceCode: string | null,
  max = SHIP_VIA_MAX,
): string | undefined {
  const carrier = carrierCode
    ? (CARRIERS[carrierCode.toLowerCase()] ?? words(carrierCode).map(title).join(' '))
    : ''
  // The service code usually repeats the carrier ("ups_ground", "usps_priority_mail"): drop those words.
  const repeated = new Set(
    [...words(carrierCode ?? ''), ...words(carrier), 'usps'].map((w) => w.toLowerCase()),
  )
  const service = words(serviceCode ?? '')
    .filter((w, i) => !(i < 2 && repeated.has(w.toLowerCase())))
    .map(title)
    .join(' ')
  const text = [carrier, service].filter(Boolean).join(' ').trim()
  if (!text) return undefined
  if (text.length <= max) return text
  const cut = text.slice(0, max + 1)
  const space = cut.lastIndexOf(' ')
  return (space > 0 ? cut.slice(0, space) : text.slice(0, max)).trim()
}
