// tralign review: the editor page. It shows the beads the server sends and
// asks the server for every change; it never edits a text. Texts are put in
// the page as text (textContent), never as markup.
"use strict";
(function () {
  const TOKEN = new URLSearchParams(location.search).get("token") || "";
  const ROW = 78; // px, as .row in app.css
  const OVERSCAN = 6;
  const $ = (id) => document.getElementById(id);
  const list = $("list"), spacer = $("spacer"), strip = $("strip"), detail = $("detail");

  let S = null; // state from the server
  let view = []; // indices of the beads the filters let through
  let sel = 0; // selected bead (index into S.beads)
  let cut = { bead: -1, fr: 0, en: 0 }; // split point of the selected bead
  let byBead = new Map(); // bead index → its findings
  let busy = Promise.resolve();
  let firstPaint = true;

  // A bead: [fr_start, fr_end, en_start, en_end, confidence|null, flags, names, checked, edited, accepted]
  const B = {
    fr: (b) => S.fr.slice(b[0], b[1]),
    en: (b) => S.en.slice(b[2], b[3]),
    conf: (b) => b[4],
    flags: (b) => (b[5] ? b[5].split(";") : []),
    names: (b) => b[6],
    checked: (b) => b[7],
    edited: (b) => b[8],
    accepted: (b) => (b[9] ? b[9].split(";") : []),
  };

  function openFindings(k) {
    const acc = B.accepted(S.beads[k]);
    return (byBead.get(k) || []).filter((f) => !acc.includes(f.kind));
  }
  function toCheck(k) {
    const b = S.beads[k];
    if (B.checked(b)) return false;
    return B.flags(b).includes("low_confidence") || openFindings(k).length > 0 || B.edited(b);
  }

  async function api(path, body) {
    const res = await fetch(path, {
      method: body ? "POST" : "GET",
      headers: { "x-tralign-token": TOKEN, "content-type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
    const data = await res.json().catch(() => ({ error: "the server answered " + res.status }));
    if (!res.ok) throw new Error(data.error || "the server answered " + res.status);
    return data;
  }

  function indexFindings() {
    byBead = new Map();
    for (const f of S.findings) {
      const k = f.bead - 1;
      if (!byBead.has(k)) byBead.set(k, []);
      byBead.get(k).push(f);
    }
  }

  function fillSelect(el, values) {
    const keep = el.value;
    while (el.options.length > 1) el.remove(1);
    for (const v of values) el.add(new Option(v, v));
    el.value = values.includes(keep) ? keep : "";
  }

  function refreshFilterChoices() {
    const flags = new Set();
    for (const b of S.beads) for (const f of B.flags(b)) flags.add(f);
    fillSelect($("flag"), [...flags].sort());
    fillSelect($("kind"), [...new Set(S.findings.map((f) => f.kind))].sort());
  }

  function applyFilters() {
    const q = $("search").value.trim().toLowerCase();
    const show = $("show").value, flag = $("flag").value, kind = $("kind").value;
    const max = parseFloat($("maxconf").value);
    view = [];
    for (let k = 0; k < S.beads.length; k++) {
      const b = S.beads[k];
      if (show === "tocheck" && !toCheck(k)) continue;
      if (show === "checked" && !B.checked(b)) continue;
      if (show === "edited" && !B.edited(b)) continue;
      if (flag && !B.flags(b).includes(flag)) continue;
      if (kind && !(byBead.get(k) || []).some((f) => f.kind === kind)) continue;
      if (!isNaN(max) && max < 1 && !(B.conf(b) !== null && B.conf(b) <= max)) continue;
      if (q) {
        const text = (B.fr(b).join(" ") + "\n" + B.en(b).join(" ")).toLowerCase();
        if (!text.includes(q)) continue;
      }
      view.push(k);
    }
    spacer.style.height = view.length * ROW + "px";
    $("shown").textContent = view.length === S.beads.length ? "" : view.length + " of " + S.beads.length + " beads shown";
  }

  function counts() {
    let checked = 0, tocheck = 0;
    for (let k = 0; k < S.beads.length; k++) {
      if (B.checked(S.beads[k])) checked++;
      else if (toCheck(k)) tocheck++;
    }
    $("counts").textContent = S.beads.length + " beads · " + checked + " checked · " + tocheck + " to check";
  }

  function confColour(c) {
    return c === null ? "#9b8fd0" : "hsl(" + Math.round(Math.max(0, Math.min(1, c)) * 120) + ",70%,45%)";
  }

  function tag(parent, text, cls) {
    const s = document.createElement("span");
    s.className = "tag" + (cls ? " " + cls : "");
    s.textContent = text;
    parent.appendChild(s);
  }

  function rowElement(k, pos) {
    const b = S.beads[k];
    const row = document.createElement("div");
    row.className = "row" + (k === sel ? " sel" : "") + (B.checked(b) ? " checked" : "");
    row.style.top = pos * ROW + "px";
    row.dataset.bead = k;
    row.setAttribute("role", "option");
    row.setAttribute("aria-selected", k === sel ? "true" : "false");
    row.style.setProperty("--conf", confColour(B.conf(b)));
    const n = document.createElement("div");
    n.className = "n";
    n.textContent = k + 1;
    const fr = document.createElement("div");
    fr.className = "t fr";
    fr.lang = S.fr_lang;
    fr.textContent = B.fr(b).join(" ");
    const en = document.createElement("div");
    en.className = "t en";
    en.lang = S.en_lang;
    en.textContent = B.en(b).join(" ");
    const meta = document.createElement("div");
    meta.className = "meta";
    tag(meta, (b[1] - b[0]) + "-" + (b[3] - b[2]));
    if (B.edited(b)) tag(meta, "changed", "you");
    else tag(meta, "conf " + B.conf(b).toFixed(2), B.conf(b) < 0.5 ? "warn" : "");
    for (const f of B.flags(b)) tag(meta, f.replace(/_/g, " "), "warn");
    const open = openFindings(k).length;
    if (open) tag(meta, open + (open > 1 ? " findings" : " finding"), "warn");
    const mark = document.createElement("div");
    mark.className = "mark";
    if (B.checked(b)) { mark.textContent = "✓ checked"; mark.classList.add("ok"); }
    else if (toCheck(k)) { mark.textContent = "⚠ check"; mark.classList.add("warn"); }
    n.appendChild(mark);
    row.append(n, fr, en, meta);
    return row;
  }

  function render() {
    const top = list.scrollTop, h = list.clientHeight;
    const first = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
    const last = Math.min(view.length, Math.ceil((top + h) / ROW) + OVERSCAN);
    const frag = document.createDocumentFragment();
    for (let i = first; i < last; i++) frag.appendChild(rowElement(view[i], i));
    spacer.replaceChildren(frag);
    drawStrip();
    if (firstPaint && S) {
      firstPaint = false;
      requestAnimationFrame(() => {
        performance.mark("tralign-first-rows");
        document.body.dataset.ready = "1";
      });
    }
  }

  function drawStrip() {
    const h = strip.clientHeight || 100;
    if (strip.height !== h) strip.height = h;
    const ctx = strip.getContext("2d");
    const n = S.beads.length;
    ctx.fillStyle = "#eee";
    ctx.fillRect(0, 0, 24, h);
    if (!n) return;
    for (let y = 0; y < h; y++) {
      const a = Math.floor((y * n) / h), z = Math.max(a + 1, Math.floor(((y + 1) * n) / h));
      let min = 1, problem = false, all = true;
      for (let k = a; k < z && k < n; k++) {
        const b = S.beads[k];
        const c = B.conf(b);
        if (c !== null && c < min) min = c;
        if (!B.checked(b)) all = false;
        if (toCheck(k)) problem = true;
      }
      ctx.fillStyle = confColour(min);
      ctx.fillRect(0, y, 14, 1);
      // Right-hand lane: a mark for beads to check (red) or all checked (green).
      ctx.fillStyle = problem ? "#b00020" : all ? "#17692c" : "#eee";
      ctx.fillRect(16, y, 8, 1);
    }
    // Where the list is.
    if (view.length) {
      const a = view[Math.min(view.length - 1, Math.floor(list.scrollTop / ROW))];
      const y = Math.floor((a * h) / n);
      ctx.strokeStyle = "#000";
      ctx.strokeRect(0.5, y + 0.5, 23, Math.max(3, Math.floor((list.clientHeight / ROW) * h / n)));
    }
  }

  function select(k, scroll) {
    if (!S.beads.length) return;
    sel = Math.max(0, Math.min(S.beads.length - 1, k));
    if (cut.bead !== sel) {
      const b = S.beads[sel];
      const nf = b[1] - b[0], ne = b[3] - b[2];
      cut = { bead: sel, fr: Math.ceil(nf / 2), en: Math.ceil(ne / 2) };
      // A split point that leaves the second half empty is no default:
      // a 1-1 bead splits into 1-0 and 0-1.
      if (cut.fr === nf && cut.en === ne) cut.en = Math.floor(ne / 2);
    }
    if (scroll) {
      const pos = view.indexOf(sel);
      if (pos >= 0) {
        const top = pos * ROW;
        if (top < list.scrollTop) list.scrollTop = top;
        else if (top + ROW > list.scrollTop + list.clientHeight) list.scrollTop = top + ROW - list.clientHeight;
      }
    }
    render();
    showDetail();
  }

  function moveInView(delta) {
    if (!view.length) return;
    let pos = view.indexOf(sel);
    if (pos < 0) {
      pos = view.findIndex((k) => k > sel);
      if (pos < 0) pos = view.length - 1;
      else if (delta > 0) delta -= 1;
    }
    select(view[Math.max(0, Math.min(view.length - 1, pos + delta))], true);
  }

  function nextToCheck(dir) {
    const n = S.beads.length;
    for (let i = 1; i <= n; i++) {
      const k = (sel + dir * i + n) % n;
      if (toCheck(k)) {
        if (!view.includes(k)) { $("show").value = "all"; $("flag").value = ""; $("kind").value = ""; $("search").value = ""; $("maxconf").value = 1; applyFilters(); }
        return select(k, true);
      }
    }
  }

  function button(parent, text, title, fn, disabled) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.title = title;
    b.disabled = !!disabled;
    b.addEventListener("click", fn);
    parent.appendChild(b);
    return b;
  }

  function sideList(title, lang, texts, start, side) {
    const box = document.createElement("div");
    const h = document.createElement("h2");
    h.textContent = title;
    const ol = document.createElement("ol");
    ol.lang = lang;
    const cutAt = (i) => {
      const c = document.createElement("li");
      c.className = "cut" + (cut[side] === i ? " on" : "");
      c.textContent = cut[side] === i ? "✂ split here" : "✂";
      c.title = "Split point";
      c.dataset.side = side;
      c.dataset.at = i;
        c.addEventListener("click", () => { cut[side] = i; showDetail(); });
        ol.appendChild(c);
    };
    texts.forEach((t, i) => {
      cutAt(i);
      const li = document.createElement("li");
      li.className = "s";
      const no = document.createElement("span");
      no.className = "no";
      no.textContent = start + i + 1;
      li.append(no, document.createTextNode(t));
      ol.appendChild(li);
    });
    cutAt(texts.length);
    if (!texts.length) {
      const li = document.createElement("li");
      li.className = "empty";
      li.textContent = "(no sentence)";
      ol.appendChild(li);
    }
    box.append(h, ol);
    return box;
  }

  function showDetail() {
    detail.replaceChildren();
    if (!S.beads.length) return;
    const b = S.beads[sel];
    const h = document.createElement("h2");
    h.textContent = "Bead " + (sel + 1) + " of " + S.beads.length + " · " + (b[1] - b[0]) + "-" + (b[3] - b[2]) +
      (B.edited(b) ? " · changed by you" : " · confidence " + B.conf(b).toFixed(3)) + (B.checked(b) ? " · ✓ checked" : "");
    const bar = document.createElement("div");
    bar.className = "bar";
    const last = sel === S.beads.length - 1;
    button(bar, B.checked(b) ? "Uncheck (C)" : "✓ Mark checked (C)", "Mark the bead checked or not", () => send({ op: "check", bead: sel, checked: !B.checked(b) }));
    button(bar, "Merge with previous (Shift+M)", "", () => send({ op: "merge", bead: sel, dir: "prev" }), sel === 0);
    button(bar, "Merge with next (M)", "", () => send({ op: "merge", bead: sel, dir: "next" }), last);
    button(bar, "Split at ✂ (S)", "Split the bead at the marked points", () => send({ op: "split", bead: sel, fr_at: cut.fr, en_at: cut.en }));
    button(bar, "French ↑ (Alt+↑)", "Move the first French sentence to the previous bead", () => send({ op: "move", bead: sel, side: "fr", dir: "prev" }), sel === 0 || b[0] === b[1]);
    button(bar, "French ↓ (Alt+↓)", "Move the last French sentence to the next bead", () => send({ op: "move", bead: sel, side: "fr", dir: "next" }), last || b[0] === b[1]);
    button(bar, "English ↑ (Alt+Shift+↑)", "Move the first English sentence to the previous bead", () => send({ op: "move", bead: sel, side: "en", dir: "prev" }), sel === 0 || b[2] === b[3]);
    button(bar, "English ↓ (Alt+Shift+↓)", "Move the last English sentence to the next bead", () => send({ op: "move", bead: sel, side: "en", dir: "next" }), last || b[2] === b[3]);
    const sides = document.createElement("div");
    sides.className = "sides";
    sides.append(sideList("Français", S.fr_lang, B.fr(b), b[0], "fr"), sideList("English", S.en_lang, B.en(b), b[2], "en"));
    detail.append(h, bar, sides);
    const fs = byBead.get(sel) || [];
    const flags = B.flags(b);
    if (fs.length || flags.length || B.names(b)) {
      const ul = document.createElement("ul");
      ul.className = "findings";
      for (const f of flags) {
        const li = document.createElement("li");
        tag(li, f.replace(/_/g, " "), "warn");
        li.append(f === "low_confidence" ? "the aligner is not sure of this bead" : "flagged by the aligner");
        ul.appendChild(li);
      }
      const acc = B.accepted(b);
      for (const f of fs) {
        const li = document.createElement("li");
        const ok = acc.includes(f.kind);
        tag(li, f.kind.replace(/_/g, " "), ok ? "ok" : "warn");
        li.append(f.message + " ");
        if (ok) tag(li, "accepted", "ok");
        else button(li, "Accept (A)", "Accept this finding: the bead is right as it is", () => send({ op: "accept", bead: sel, kind: f.kind }));
        ul.appendChild(li);
      }
      detail.appendChild(ul);
      if (B.names(b)) {
        const p = document.createElement("p");
        p.className = "names";
        p.textContent = "Names: " + B.names(b);
        detail.appendChild(p);
      }
    }
  }

  function setSaved(ok, message) {
    const el = $("saved");
    el.className = ok ? "" : "error";
    el.textContent = ok ? "Saved to " + S.save : "NOT SAVED: " + message;
    el.dataset.version = S.version;
  }

  // Operations go one at a time, in order.
  function send(op) {
    busy = busy.then(async () => {
      try {
        const r = await api("api/op", Object.assign({ version: S.version }, op));
        S.version = r.version;
        S.beads.splice(r.at, r.removed, ...r.beads);
        S.findings = r.findings;
        indexFindings();
        refreshFilterChoices();
        applyFilters();
        counts();
        if (op.op === "merge" || op.op === "split" || op.op === "move") {
          cut.bead = -1;
          select(r.at + (op.op === "move" && op.dir === "prev" && r.beads.length > 1 ? 1 : 0), true);
        } else {
          if (op.op === "undo" || op.op === "redo") cut.bead = -1;
          select(op.op === "undo" || op.op === "redo" ? r.at : sel, true);
        }
        setSaved(r.saved, r.error);
      } catch (e) {
        setSaved(false, e.message);
      }
    });
    return busy;
  }

  function onKey(e) {
    const t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT")) {
      if (e.key === "Escape") { t.blur(); list.focus(); }
      return;
    }
    if (!S) return;
    const k = e.key, lower = k.toLowerCase();
    const shift = e.shiftKey || (k.length === 1 && k !== lower);
    const b = S.beads[sel];
    let done = true;
    if (e.altKey && (k === "ArrowDown" || k === "ArrowUp")) {
      send({ op: "move", bead: sel, side: e.shiftKey ? "en" : "fr", dir: k === "ArrowDown" ? "next" : "prev" });
    } else if ((e.ctrlKey || e.metaKey) && lower === "z") send({ op: e.shiftKey ? "redo" : "undo" });
    else if ((e.ctrlKey || e.metaKey) && lower === "y") send({ op: "redo" });
    else if (e.ctrlKey || e.metaKey || e.altKey) done = false;
    else if (k === "ArrowDown" || lower === "j") moveInView(1);
    else if (k === "ArrowUp" || lower === "k") moveInView(-1);
    else if (k === "PageDown") moveInView(Math.max(1, Math.floor(list.clientHeight / ROW) - 1));
    else if (k === "PageUp") moveInView(-Math.max(1, Math.floor(list.clientHeight / ROW) - 1));
    else if (k === "Home") { if (view.length) select(view[0], true); }
    else if (k === "End") { if (view.length) select(view[view.length - 1], true); }
    else if (lower === "n") nextToCheck(shift ? -1 : 1);
    else if (lower === "m") send({ op: "merge", bead: sel, dir: shift ? "prev" : "next" });
    else if (lower === "s") send({ op: "split", bead: sel, fr_at: cut.fr, en_at: cut.en });
    else if (lower === "f" || lower === "e") {
      const side = lower === "f" ? "fr" : "en";
      const len = side === "fr" ? b[1] - b[0] : b[3] - b[2];
      cut[side] = Math.max(0, Math.min(len, cut[side] + (shift ? -1 : 1)));
      showDetail();
    } else if (lower === "c" || k === " ") send({ op: "check", bead: sel, checked: !B.checked(b) });
    else if (lower === "a") {
      const f = openFindings(sel)[0];
      if (f) send({ op: "accept", bead: sel, kind: f.kind });
    } else if (lower === "u") send({ op: shift ? "redo" : "undo" });
    else if (k === "/") $("search").focus();
    else if (k === "?") toggleHelp();
    else done = false;
    if (done) e.preventDefault();
  }

  function toggleHelp() {
    const h = $("help");
    h.hidden = !h.hidden;
    $("help-button").setAttribute("aria-expanded", String(!h.hidden));
  }

  async function start() {
    try {
      S = await api("api/state");
    } catch (e) {
      $("counts").textContent = "Cannot load the review: " + e.message;
      return;
    }
    const title = "tralign review: " + (S.fr_name || "French") + " / " + (S.en_name || "English");
    document.title = title;
    $("title").textContent = title;
    indexFindings();
    refreshFilterChoices();
    applyFilters();
    counts();
    setSaved(true);
    const first = Math.max(0, S.beads.findIndex((_, k) => toCheck(k)));
    list.scrollTop = Math.max(0, view.indexOf(first) * ROW - list.clientHeight / 3);
    select(first, true);
    list.focus();
  }

  list.addEventListener("scroll", () => requestAnimationFrame(render));
  list.addEventListener("click", (e) => {
    const row = e.target.closest(".row");
    if (row) select(parseInt(row.dataset.bead, 10), false);
  });
  strip.addEventListener("click", (e) => {
    if (!S || !S.beads.length) return;
    const r = strip.getBoundingClientRect();
    const k = Math.min(S.beads.length - 1, Math.floor(((e.clientY - r.top) / r.height) * S.beads.length));
    // The nearest bead the filters show.
    let pos = view.findIndex((v) => v >= k);
    if (pos < 0) pos = view.length - 1;
    if (pos >= 0) {
      list.scrollTop = Math.max(0, pos * ROW - list.clientHeight / 2);
      select(view[pos], false);
    }
  });
  for (const id of ["search", "show", "flag", "kind", "maxconf"]) {
    $(id).addEventListener("input", () => { applyFilters(); render(); });
  }
  $("undo").addEventListener("click", () => send({ op: "undo" }));
  $("redo").addEventListener("click", () => send({ op: "redo" }));
  $("help-button").addEventListener("click", toggleHelp);
  document.addEventListener("keydown", onKey);
  window.addEventListener("resize", () => S && render());
  start();
})();
