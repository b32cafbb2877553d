// The price-list page: drop a file, pick or make the supplier's profile, review the diff, untick, apply.
// Every action is one call to the dashboard's API, which runs the same engine functions as `qbo prices`.
'use strict'
;(() => {
  const {api, upload, el, show, token} = window.qbo
  const $ = (id) => document.getElementById(id)
  const state = {upload: null, vendors: [], profiles: [], view: null, items: null, supplier: null}

  // ---- messages ----------------------------------------------------------------------------------

  function message(text, next, ok = false) {
    const m = $('message')
    m.textContent = next ? `${text} ${next}` : text
    m.className = ok ? 'message ok' : 'message'
    m.hidden = !text
    if (text) m.scrollIntoView({block: 'nearest'})
  }
  const failed = (e) => message(e.message, e.next)

  // ---- setup and history -------------------------------------------------------------------------

  async function loadSetup() {
    try {
      const setup = await api('/api/prices/setup')
      state.vendors = setup.vendors
      state.profiles = setup.profiles
      $('vendors').replaceChildren(...setup.vendors.map((v) => el('option', {value: v.name})))
    } catch (e) {
      failed(e)
    }
  }

  async function loadHistory() {
    const {diffs} = await api('/api/prices/diffs')
    $('history')
      .querySelector('tbody')
      .replaceChildren(
        ...diffs.map((d) =>
          el(
            'tr',
            {'data-diff': d.id, onclick: () => openDiff(d.id).catch(failed)},
            el('td', {text: d.id}),
            el('td', {text: d.createdAt.slice(0, 16).replace('T', ' ')}),
            el('td', {text: d.supplier}),
            el('td', {text: d.fileName}),
            el('td', {class: 'num', text: d.changes}),
            el('td', {class: 'num', text: d.applied.written}),
            el('td', {class: 'num', text: d.applied.conflict}),
            el('td', {class: 'num', text: d.applied.pending}),
          ),
        ),
      )
  }

  // ---- the dropped file --------------------------------------------------------------------------

  async function takeFile(file) {
    if (!file) return
    message('')
    try {
      state.upload = await upload('/api/prices/uploads', file)
    } catch (e) {
      state.upload = null
      show('profile-section', false)
      failed(e)
      return
    }
    const u = state.upload
    $('file-name').textContent = u.fileName
    $('sheet').replaceChildren(...u.sheets.map((s) => el('option', {value: s.name, text: s.name})))
    const g = u.guess
    if (g) {
      $('sheet').value = g.sheet
      $('header-row').value = g.headerRow
      $('gst').value = g.costIncludesGst ? 'inc' : 'ex'
    } else $('header-row').value = 1
    refreshColumns()
    if (g) {
      setSelect('code-column', g.codeColumn)
      setSelect('cost-column', g.costColumn)
      setSelect('description-column', g.descriptionColumn)
      setSelect('pack-column', g.packColumn)
    }
    show('profile-section')
    show('diff-section', false)
    state.supplier = null
    onSupplier()
  }

  function sheetRows() {
    const s = state.upload.sheets.find((x) => x.name === $('sheet').value) || state.upload.sheets[0]
    return s ? s.rows : []
  }

  /** The column choices are the headers of the chosen header row; the preview marks that row. */
  function refreshColumns() {
    const rows = sheetRows()
    const header = rows[Number($('header-row').value) - 1] || []
    const names = header.filter((h) => h && h.trim() !== '')
    for (const id of ['code-column', 'cost-column', 'description-column', 'pack-column']) {
      const select = $(id)
      const keep = select.value
      const optional = id === 'description-column' || id === 'pack-column'
      select.replaceChildren(
        ...(optional ? [el('option', {value: '', text: '(none)'})] : []),
        ...names.map((n) => el('option', {value: n, text: n})),
      )
      setSelect(id, keep)
    }
    renderPreview(rows)
  }

  function setSelect(id, value) {
    const select = $(id)
    if (value && [...select.options].some((o) => o.value === value)) select.value = value
  }

  function renderPreview(rows) {
    const headerAt = Number($('header-row').value) - 1
    const width = Math.max(1, ...rows.map((r) => (r ? r.length : 0)))
    $('preview').replaceChildren(
      ...rows.map((r, i) =>
        el(
          'tr',
          {class: i === headerAt ? 'header' : undefined},
          el('td', {class: 'rownum', text: i + 1}),
          ...Array.from({length: width}, (_, c) => el('td', {text: (r && r[c]) || ''})),
        ),
      ),
    )
  }

  // ---- the profile -------------------------------------------------------------------------------

  const norm = (s) =>
    String(s || '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()

  function onSupplier() {
    const supplier = norm($('supplier').value)
    // A change event can come twice (typed, then on leaving the field): fill the form once per supplier.
    if (supplier === state.supplier) return
    state.supplier = supplier
    const mine = state.profiles.filter((p) => norm(p.supplier) === supplier)
    $('profile-select').replaceChildren(
      ...mine.map((p) => el('option', {value: p.name, text: p.name})),
      el('option', {value: '', text: 'New profile'}),
    )
    if (mine.length > 0) {
      $('profile-select').value = mine[0].name
      fillProfile(mine[0])
    } else if (!$('profile-name').value) $('profile-name').value = $('supplier').value
  }

  function fillProfile(p) {
    $('profile-name').value = p.name
    if (p.sheet) setSelect('sheet', p.sheet)
    if (p.headerRow) $('header-row').value = p.headerRow
    else {
      const found = autoHeaderRow(p.codeColumn, p.costColumn)
      if (found) $('header-row').value = found
    }
    refreshColumns()
    for (const [id, value] of [
      ['code-column', p.codeColumn],
      ['cost-column', p.costColumn],
      ['description-column', p.descriptionColumn || ''],
      ['pack-column', p.packColumn || ''],
    ])
      setSelect(id, headerNamed(value) ?? value)
    $('gst').value = p.gst
    $('gst-rate').value = p.gstRate
    $('pack-size').value = p.packSize || ''
    $('price-per').value = p.pricePer
    $('placeholders').value = p.placeholders.join(', ')
    $('decimals').value = p.decimals
  }

  /** The header of the current header row that a profile's column name means (names compare loosely). */
  function headerNamed(name) {
    if (!name) return undefined
    const header = sheetRows()[Number($('header-row').value) - 1] || []
    return header.find((h) => norm(h) === norm(name))
  }

  /** The first row holding both columns, as the engine finds it when a profile names no header row. */
  function autoHeaderRow(code, cost) {
    const rows = sheetRows()
    const at = rows.findIndex(
      (r) => r && r.some((h) => norm(h) === norm(code)) && r.some((h) => norm(h) === norm(cost)),
    )
    return at >= 0 ? at + 1 : undefined
  }

  function profileFromForm() {
    const headerRow = Number($('header-row').value)
    const code = $('code-column').value
    const cost = $('cost-column').value
    const optional = (v) => (v && v.trim() !== '' ? v.trim() : null)
    return {
      name: $('profile-name').value.trim(),
      supplier: $('supplier').value.trim(),
      // A sheet is named only when the workbook has several; the header row only when it cannot be found.
      sheet: state.upload.sheets.length > 1 ? $('sheet').value : null,
      headerRow: autoHeaderRow(code, cost) === headerRow ? null : headerRow,
      codeColumn: code,
      costColumn: cost,
      descriptionColumn: optional($('description-column').value),
      gst: $('gst').value,
      gstRate: $('gst-rate').value.trim(),
      packColumn: optional($('pack-column').value),
      packSize: optional($('pack-size').value),
      pricePer: $('price-per').value,
      placeholders: $('placeholders')
        .value.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      decimals: Number($('decimals').value),
    }
  }

  async function showDiff(event) {
    event.preventDefault()
    message('')
    const button = $('show-diff')
    button.disabled = true
    try {
      const {profile} = await api('/api/prices/profiles', {body: profileFromForm()})
      const others = state.profiles.filter((p) => norm(p.name) !== norm(profile.name))
      state.profiles = [...others, profile]
      const view = await api('/api/prices/diffs', {
        body: {
          uploadId: state.upload.uploadId,
          supplier: profile.supplier,
          profile: profile.name,
          threshold: $('threshold').value.trim(),
        },
      })
      renderDiff(view)
      await loadHistory()
    } catch (e) {
      failed(e)
    } finally {
      button.disabled = false
    }
  }

  // ---- the diff ----------------------------------------------------------------------------------

  const STATUS = {
    change: 'change',
    same: 'unchanged',
    placeholder: 'placeholder',
    invalid: 'cannot use',
    ambiguous: 'ambiguous',
    not_in_qbo: 'not in QBO',
    missing_from_file: 'not in the file',
  }

  async function openDiff(id) {
    renderDiff(await api(`/api/prices/diffs/${id}`))
  }

  function renderDiff(view) {
    state.view = view
    const c = view.counts
    $('diff-title').textContent = `Diff ${view.id}: ${view.file.fileName} from ${view.supplier}`
    $('diff-summary').textContent =
      `${c.change} changes, ${c.same} unchanged, ${c.placeholder} placeholders, ${c.invalid + c.ambiguous} unusable, ` +
      `${c.not_in_qbo} not in QBO, ${c.missing_from_file} of the supplier's items not in the file. ` +
      `Sheet "${view.file.sheet}", header row ${view.file.headerRow}, profile "${view.profile.name}".`
    $('diff-warnings').replaceChildren(
      ...view.warnings.map((w) => el('li', {'data-code': w.code, text: w.message})),
    )
    $('diff')
      .querySelector('tbody')
      .replaceChildren(...view.lines.map(lineRow))
    $('result').hidden = true
    renderLinks(view)
    updateApply()
    show('diff-section')
    $('diff-section').scrollIntoView({block: 'start'})
  }

  function lineRow(l) {
    const change = l.status === 'change'
    const pending = change && l.state === 'pending'
    const box = change
      ? el('input', {
          type: 'checkbox',
          class: 'pick',
          'aria-label': `apply line ${l.line}`,
          checked: pending ? l.selected : l.state === 'written',
          disabled: !pending,
          onchange: updateApply,
        })
      : ''
    const pct = l.changePct ? ` (${l.changePct}%)` : ''
    const classes = [
      l.warnings.length ? 'warned' : '',
      change && l.state !== 'pending' ? `state-${l.state}` : '',
      change ? '' : 'other',
    ]
    return el(
      'tr',
      {'data-line': l.line, 'data-status': l.status, class: classes.filter(Boolean).join(' ') || undefined},
      el('td', {}, box),
      el('td', {text: l.line}),
      el('td', {class: 'item', text: l.item ? l.item.name : l.description || ''}),
      el('td', {class: 'sku', text: l.item && l.item.sku ? l.item.sku : ''}),
      el('td', {class: 'code', text: l.code || ''}),
      el('td', {class: 'num old', text: l.oldCost || ''}),
      el('td', {class: 'num new', text: l.newCost || ''}),
      el('td', {class: 'num', text: l.change ? `${l.change}${pct}` : ''}),
      el('td', {class: 'warn', text: l.warnings.map((w) => w.message).join('; ')}),
      el('td', {
        class: 'status',
        text: change && l.state !== 'pending' ? l.state : STATUS[l.status] || l.status,
      }),
    )
  }

  function chosen() {
    return [...document.querySelectorAll('#diff tbody tr')].filter((tr) => {
      const box = tr.querySelector('input.pick')
      return box && !box.disabled && box.checked
    })
  }

  function updateApply() {
    const n = chosen().length
    $('apply').textContent = n === 1 ? 'Apply 1 change' : `Apply ${n} changes`
    $('apply').disabled = n === 0
    const done = state.view ? state.view.applied : null
    $('apply-note').textContent =
      done && (done.written || done.conflict)
        ? `${done.written} written earlier, ${done.conflict} in conflict.`
        : ''
  }

  async function applyDiff() {
    const view = state.view
    const skipLines = [...document.querySelectorAll('#diff tbody tr')]
      .filter((tr) => {
        const box = tr.querySelector('input.pick')
        return box && !box.disabled && !box.checked
      })
      .map((tr) => Number(tr.getAttribute('data-line')))
    $('apply').disabled = true
    message('')
    // QBO takes 30 items a batch and about 40 batches a minute: show the lines written as they land.
    const total = chosen().length
    const progress = setInterval(() => {
      api(`/api/prices/diffs/${view.id}`)
        .then(
          (v) =>
            ($('apply-note').textContent =
              `Writing… ${v.applied.written - view.applied.written} of ${total} written`),
        )
        .catch(() => undefined)
    }, 1000)
    try {
      const r = await api(`/api/prices/diffs/${view.id}/apply`, {body: {skipLines}})
      clearInterval(progress)
      await openDiff(view.id)
      renderResult(r)
      await loadHistory()
    } catch (e) {
      clearInterval(progress)
      failed(e)
      updateApply()
    }
  }

  function renderResult(r) {
    const out = $('result')
    const list = (title, lines, text) =>
      lines.length
        ? [el('h3', {text: title}), el('ul', {}, ...lines.map((l) => el('li', {text: text(l)})))]
        : []
    out.replaceChildren(
      el('p', {id: 'result-summary', text: `${r.written.length} costs written to QBO.`}),
      ...list(
        'Not written: someone changed the cost in QBO since the diff',
        r.conflicts,
        (l) =>
          `${l.item}: QBO now has ${l.qboCost ?? 'no cost'} (it had ${l.oldCost ?? 'none'}; the file says ${l.newCost}). Make a new diff to review it.`,
      ),
      ...list('Failed', r.failed, (l) => `${l.item}: ${l.fault.code} ${l.fault.message}`),
      ...list('Written', r.written, (l) => `${l.item}: ${l.oldCost ?? '—'} → ${l.newCost}`),
    )
    out.hidden = false
  }

  // ---- linking codes -----------------------------------------------------------------------------

  function renderLinks(view) {
    // Links need the dropped file to make the diff again; a diff opened from the history shows the table only.
    const unmatched = state.upload ? view.lines.filter((l) => l.status === 'not_in_qbo' && l.code) : []
    show('link-codes')
    loadCodes(view).catch(failed)
    $('link-rows').replaceChildren(
      ...unmatched.map((l) => {
        const select = el(
          'select',
          {'aria-label': `item for ${l.code}`},
          el('option', {value: '', text: 'Pick an item…'}),
        )
        const load = async () => {
          if (!state.items) state.items = (await api('/api/prices/items')).items
          if (select.options.length > 1) return
          select.append(
            ...state.items.map((i) =>
              el('option', {value: i.id, text: i.sku ? `${i.name} (${i.sku})` : i.name}),
            ),
          )
        }
        select.addEventListener('focus', () => load().catch(failed))
        const link = async () => {
          if (!select.value) return
          await api('/api/prices/codes', {body: {supplier: view.supplier, code: l.code, item: select.value}})
          await rediff(view)
        }
        return el(
          'p',
          {'data-code': l.code},
          el('span', {text: `${l.code} ${l.description ? `(${l.description})` : ''} → `}),
          select,
          ' ',
          el('button', {type: 'button', text: 'Link', onclick: () => link().catch(failed)}),
        )
      }),
    )
  }

  async function loadCodes(view) {
    const {codes} = await api(`/api/prices/codes?supplier=${encodeURIComponent(view.supplier)}`)
    $('codes')
      .querySelector('tbody')
      .replaceChildren(
        ...codes.map((c) =>
          el(
            'tr',
            {'data-code': c.code},
            el('td', {text: c.code}),
            el('td', {text: c.itemName || `Item ${c.itemId}`}),
            el('td', {text: `${c.origin}, ${c.updatedAt.slice(0, 10)}`}),
            el(
              'td',
              {},
              el('button', {
                type: 'button',
                text: 'Remove',
                onclick: () => removeCode(view, c.code).catch(failed),
              }),
            ),
          ),
        ),
      )
  }

  async function removeCode(view, code) {
    await api('/api/prices/codes/delete', {body: {supplier: view.supplier, code}})
    if (state.upload) await rediff(view, `Removed ${code}. The diff was made again without it.`)
    else {
      await loadCodes(view)
      message(`Removed ${code}. Drop the file again to see the diff without it.`, '', true)
    }
  }

  async function rediff(view, note = 'Linked. The diff was made again with the new link.') {
    const next = await api('/api/prices/diffs', {
      body: {uploadId: state.upload.uploadId, supplier: view.supplier, profile: view.profile.name},
    })
    renderDiff(next)
    await loadHistory()
    message(note, '', true)
  }

  async function importCodes(file) {
    if (!file || !state.view) return
    const supplier = encodeURIComponent(state.view.supplier)
    const r = await upload(`/api/prices/codes/import?supplier=${supplier}`, file)
    const unresolved = r.unresolved.map((u) => `row ${u.row} (${u.code}): ${u.reason}`).join('; ')
    if (state.upload) await rediff(state.view, `Linked ${r.linked} codes.`)
    else await loadCodes(state.view)
    message(`Linked ${r.linked} codes.${unresolved ? ` Not linked: ${unresolved}.` : ''}`, '', !unresolved)
  }

  // ---- wiring ------------------------------------------------------------------------------------

  const drop = $('drop')
  drop.addEventListener('dragover', (e) => {
    e.preventDefault()
    drop.classList.add('over')
  })
  drop.addEventListener('dragleave', () => drop.classList.remove('over'))
  drop.addEventListener('drop', (e) => {
    e.preventDefault()
    drop.classList.remove('over')
    takeFile(e.dataTransfer && e.dataTransfer.files[0]).catch(failed)
  })
  $('file-input').addEventListener('change', (e) => takeFile(e.target.files[0]).catch(failed))
  $('codes-input').addEventListener('change', (e) => importCodes(e.target.files[0]).catch(failed))
  $('sheet').addEventListener('change', refreshColumns)
  $('header-row').addEventListener('input', refreshColumns)
  $('supplier').addEventListener('change', onSupplier)
  $('profile-select').addEventListener('change', () => {
    const p = state.profiles.find((x) => x.name === $('profile-select').value)
    if (p) fillProfile(p)
    else $('profile-name').value = ''
  })
  $('profile-form').addEventListener('submit', showDiff)
  $('apply').addEventListener('click', () => applyDiff())
  $('audit-link').setAttribute('href', `/api/prices/audit.csv?token=${encodeURIComponent(token)}`)

  loadSetup()
  loadHistory().catch(failed)
})()
