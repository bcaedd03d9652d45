// What every pane of the 1130 page uses: the element lookup, hex words,
// the notice strip, files (download, base64, drop zones). No pane logic.

export const $ = (sel) => document.querySelector(sel);

export const hex4 = (n) => (n & 0xffff).toString(16).toUpperCase().padStart(4, "0");

// A hex word as the operator types it ("1A0", "/1A0", "0x1A0"), or null.
export function parseHex(text) {
  const t = String(text).trim().replace(/^\/|^0x/i, "");
  if (!/^[0-9a-f]{1,4}$/i.test(t)) return null;
  return parseInt(t, 16);
}

// "1 card", "3 cards".
export const plural = (n, one, many = one + "s") => `${n} ${n === 1 ? one : many}`;

const NOTICE_MS = 6000;
const BAD_NOTICE_MS = 12000;

// The page's notices; every notice is kept in retro.notices for scripts
// and tests. notify(text, bad, where): with `where` (an element on
// screen) the notice floats just under it, where the operator acted (the
// 1442, the disk, the keypunch), over the page without moving it; else
// it floats at the foot of the window (the strip).
export function makeNotify(strip, retro) {
  let timer = 0;
  return function notify(text, bad = false, where = null) {
    retro.notices.push(text);
    if (where && where.getClientRects().length) return localNotice(where, text, bad);
    strip.textContent = text;
    strip.hidden = false;
    strip.classList.toggle("bad", bad);
    clearTimeout(timer);
    timer = setTimeout(() => (strip.hidden = true), bad ? BAD_NOTICE_MS : NOTICE_MS);
  };
}

function localNotice(where, text, bad) {
  let bubble = where.querySelector(":scope > .local-notice");
  if (!bubble) {
    bubble = document.createElement("div");
    bubble.className = "local-notice";
    bubble.setAttribute("role", "status");
    bubble.addEventListener("click", () => (bubble.hidden = true));
    where.classList.add("has-notice");
    where.appendChild(bubble);
  }
  bubble.textContent = text;
  bubble.hidden = false;
  bubble.classList.toggle("bad", bad);
  clearTimeout(bubble.timer);
  bubble.timer = setTimeout(() => (bubble.hidden = true), bad ? BAD_NOTICE_MS : NOTICE_MS);
}

// A JSON file the server may or may not have (examples, --data): its
// content, or null when it is not there.
export async function fetchOptional(url) {
  try {
    const res = await fetch(url);
    return res.ok ? await res.json() : null;
  } catch (e) {
    return null;
  }
}

export function addOption(select, value, text) {
  const opt = document.createElement("option");
  opt.value = value;
  opt.textContent = text;
  select.appendChild(opt);
}

export function download(name, blob) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export const textBlob = (text) => new Blob([text], { type: "text/plain" });

export function toBase64(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(b64) {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

// A file dropped on el (or dragged text, as a file named "dropped text")
// goes to onFile; what onFile throws is shown as a notice at el.
export function dropZone(el, onFile, notify) {
  el.addEventListener("dragover", (e) => {
    e.preventDefault();
    el.classList.add("dragover");
  });
  el.addEventListener("dragleave", () => el.classList.remove("dragover"));
  el.addEventListener("drop", async (e) => {
    e.preventDefault();
    el.classList.remove("dragover");
    const file = e.dataTransfer.files[0];
    if (file) {
      try { await onFile(file); } catch (err) { notify(String(err.message || err), true, el); }
    } else {
      const text = e.dataTransfer.getData("text");
      if (text) onFile(new File([text], "dropped text"));
    }
  });
}

// A file chosen with an <input type=file>: onFile(file), and the input
// is cleared so the same file can be chosen again.
export function fileInput(input, onFile) {
  input.addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (file) onFile(file);
  });
}
