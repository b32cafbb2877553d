// Shared by every dashboard page: the session token, JSON requests with it, and small DOM helpers.
// Plain JavaScript, served from this folder: the dashboard loads nothing from the internet.
'use strict'

window.qbo = (() => {
  const token = document.querySelector('meta[name="qbo-token"]').getAttribute('content')

  /** A request to the dashboard's API; a refusal or an error becomes an Error carrying message and next. */
  async function api(path, options = {}) {
    const headers = {'X-Qbo-Token': token, ...(options.headers || {})}
    let body = options.body
    if (body !== undefined && !(body instanceof Blob) && !(body instanceof ArrayBuffer)) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(body)
    }
    const res = await fetch(path, {
      method: options.method || (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
    })
    const type = res.headers.get('Content-Type') || ''
    const data = type.includes('application/json') ? await res.json() : await res.text()
    if (!res.ok) {
      const e = new Error((data && data.error && data.error.message) || `HTTP ${res.status}`)
      e.next = data && data.error && data.error.next
      e.status = res.status
      throw e
    }
    return data
  }

  /** Sends a dropped file as it is (no form encoding): its name in a header. */
  function upload(path, file) {
    return api(path, {
      method: 'POST',
      body: file,
      headers: {'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name)},
    })
  }

  /** An element with text (never HTML: names and codes come from files and QBO). */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag)
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue
      if (k === 'class') node.className = v
      else if (k === 'text') node.textContent = v
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v)
      else node.setAttribute(k, v === true ? '' : String(v))
    }
    for (const c of children) if (c !== undefined && c !== null) node.append(c)
    return node
  }

  function show(id, visible = true) {
    document.getElementById(id).hidden = !visible
  }

  return {token, api, upload, el, show}
})()
