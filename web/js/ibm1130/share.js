// A program carried in the page's URL (#asm=...): the source compressed
// with deflate-raw (CompressionStream) and written in base64url. A damaged
// link raises an Error that says what is wrong; it never half-loads.

const MAX_SOURCE = 1_000_000;

async function pump(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

export async function encodeProgram(text) {
  const packed = await pump(new TextEncoder().encode(text), new CompressionStream("deflate-raw"));
  let s = "";
  for (let i = 0; i < packed.length; i += 0x8000) s += String.fromCharCode.apply(null, packed.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export async function decodeProgram(code) {
  if (!code || !/^[A-Za-z0-9_-]+$/.test(code)) throw new Error("the code has characters base64url does not use");
  let b64 = code.replace(/-/g, "+").replace(/_/g, "/");
  while (b64.length % 4) b64 += "=";
  let bin;
  try {
    bin = atob(b64);
  } catch (e) {
    throw new Error("the code is not base64url");
  }
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  let raw;
  try {
    raw = await pump(bytes, new DecompressionStream("deflate-raw"));
  } catch (e) {
    throw new Error("the compressed program is cut short or corrupted");
  }
  if (raw.length > MAX_SOURCE) throw new Error("the program is too big");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch (e) {
    throw new Error("the program is not text");
  }
}
