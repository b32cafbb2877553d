// The "Syncs and batches" page: reads /api/syncs/status (the migration file only) and draws its tables.
// Plain JavaScript, served from this folder; names and reasons are set as text, never as HTML.
'use strict'
;(() => {
  const {api, el} = window.qbo

  function rows(id, list, cells, empty) {
    const body = document.querySelector(`#${id} tbody`)
    body.replaceChildren()
    if (list.length === 0) {
      const cols = document.querySelectorAll(`#${id} thead th`).length
      body.append(el('tr', {}, el('td', {colspan: cols, class: 'small', text: empty})))
      return
    }
    for (const item of list) body.append(el('tr', {}, ...cells(item).map((c) => cellOf(c))))
  }

  function cellOf(c) {
    return typeof c === 'number' ? el('td', {class: 'num', text: String(c)}) : el('td', {text: c ?? ''})
  }

  function counts(c) {
    if (!c) return ''
    return Object.entries(c)
      .filter(([, v]) => typeof v === 'number' && v > 0)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')
  }

  function drawShipStation(s) {
    const waiting = (o) => (o.pending || 0) + (o.unmatched || 0)
    const person = (o) => (o.parked || 0) + (o.conflict || 0) + (o.failed || 0)
    rows(
      'ss-stores',
      s.stores,
      (st) => [
        st.name ? `${st.name} (${st.storeId})` : st.storeId,
        `${st.matchBy} ${st.matchValue}`,
        st.watermark || 'not read yet',
        st.orders.synced || 0,
        waiting(st.orders),
        person(st.orders),
      ],
      'No ShipStation store is mapped yet: qbo sync shipstation map STORE --by prefix --value S1-',
    )
    rows(
      'ss-runs',
      s.runs,
      (r) => [
        r.runId,
        r.status,
        r.startedAt,
        r.finishedAt || '',
        r.error ? JSON.stringify(r.error) : counts(r.counts),
      ],
      'No run yet.',
    )
    const a = s.attention
    const attention = [...a.conflicts, ...a.failed, ...a.parked, ...a.unmatched]
    rows(
      'ss-attention',
      attention,
      (o) => [o.store, o.order, o.state, o.docNumber || o.invoiceId || '', o.reason || '', o.firstSeen],
      'Nothing needs a look.',
    )
    const stuck = a.conflicts.length + a.failed.length + a.parked.length
    document.getElementById('ss-summary').textContent =
      `${s.stores.length} stores; ${stuck} orders need a person, ${a.unmatched.length} wait for their invoice.`
  }

  function drawPurchaseOrders(batches) {
    rows(
      'po-batches',
      batches,
      (b) => [b.batchId, b.status, b.createdAt, b.purchaseOrders, b.emailed, b.needsAttention],
      'No purchase-order batch yet.',
    )
  }

  api('/api/syncs/status')
    .then((s) => {
      drawShipStation(s.shipstation)
      drawPurchaseOrders(s.purchaseOrders)
    })
    .catch((e) => {
      const m = document.getElementById('message')
      m.textContent = `${e.message}${e.next ? ` ${e.next}` : ''}`
      m.hidden = false
    })
})()
