// The 029 keypunch: the card at the punch station drawn on a canvas with
// its holes and the characters printed along the top edge, the deck pager,
// typing, paste and drop. Every key goes to the Python 029
// (machines/ibm1130/devices/keypunch029.py) through {cmd:"keypunch"}; this file
// only draws the card the worker describes.

const ROWS = [12, 11, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const ROW_BIT = (i) => 0x8000 >> i; // rows 12, 11, 0, 1..9 are bits 0..11

export class KeypunchView {
  constructor(canvas, act, sound) {
    this.canvas = canvas;
    this.multi = "";
    this.act = act;
    this.sound = sound;
    this.view = null;
    this.page = null;
  }

  draw(view) {
    this.view = view;
    drawCard(this.canvas, view);
  }

  // Keys typed on the card box. Returns true when the key was for the punch.
  key(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    let op = null;
    let text = null;
    if (e.key === "Enter") op = "release";
    else if (e.key === "Backspace") op = "backspace";
    else if (e.key === "Tab") {
      op = "key"; // SKIP with a program card, else the coding form's next field
      text = "\t";
    } else if (e.key.length === 1) {
      op = "key";
      text = e.key;
    }
    if (!op) return false;
    if (this.multi && op === "key" && text !== "\t") {
      // MULT PCH held: the keys go into one column when it is released.
      this.multi += text;
      return true;
    }
    if (this.sound) this.sound.keypunch();
    this.act(op === "key" ? { cmd: "keypunch", op, text, page: this.page } : { cmd: "keypunch", op, page: this.page });
    return true;
  }

  // Text typed on a virtual keyboard (or by an input method): punched as
  // keys, "\n" releasing the card; under MULT PCH collected for one column.
  typeText(text) {
    if (this.multi) {
      this.multi += text.replace(/\n/g, "");
      return;
    }
    if (this.sound) this.sound.keypunch();
    this.act({ cmd: "keypunch", op: "key", text, page: this.page });
  }

  // MULT PCH: on collects keys, off punches them all in the current column.
  setMulti(on) {
    if (on) {
      this.multi = " "; // a marker: nothing collected yet
      return;
    }
    const keys = (this.multi || "").slice(1);
    this.multi = "";
    if (keys) this.act({ cmd: "keypunch", op: "multi", text: keys, page: this.page });
  }
}

// Draw a card: view = {card (80 column words or null), printed, column, field}.
export function drawCard(canvas, view, emptyText = "No card at the punch station: press FEED or type") {
  {
    const ctx = canvas.getContext("2d");
    const W = canvas.width;
    const H = canvas.height;
    ctx.clearRect(0, 0, W, H);
    // The card: cream stock with the clipped corner.
    ctx.fillStyle = "#f3e6c0";
    ctx.beginPath();
    ctx.moveTo(22, 4);
    ctx.lineTo(W - 4, 4);
    ctx.lineTo(W - 4, H - 4);
    ctx.lineTo(4, H - 4);
    ctx.lineTo(4, 22);
    ctx.closePath();
    ctx.fill();
    const left = 20;
    const colW = (W - 2 * left) / 80;
    const top = 52;
    const rowH = (H - top - 20) / 12;
    const columns = view.card || new Array(80).fill(0);
    const printed = view.printed || "";
    // Field of the program card: shaded.
    if (view.field) {
      ctx.fillStyle = view.field.skip ? "rgba(120,120,255,0.15)" : view.field.duplicate ? "rgba(80,200,120,0.18)" : "rgba(255,200,80,0.18)";
      ctx.fillRect(left + (view.field.start - 1) * colW, top - 4, (view.field.end - view.field.start + 1) * colW, H - top - 16);
    }
    ctx.font = `${Math.floor(rowH * 0.55)}px ui-monospace, monospace`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    for (let c = 0; c < 80; c++) {
      const x = left + c * colW + colW / 2;
      for (let r = 0; r < 12; r++) {
        const y = top + r * rowH + rowH / 2;
        if (columns[c] & ROW_BIT(r)) {
          ctx.fillStyle = "#1a1a1a";
          ctx.fillRect(x - colW * 0.3, y - rowH * 0.33, colW * 0.6, rowH * 0.66);
        } else if (r >= 2) {
          ctx.fillStyle = "#b9a77a";
          ctx.fillText(String(ROWS[r]), x, y);
        }
      }
    }
    // Printed characters along the top edge.
    ctx.fillStyle = "#111";
    ctx.font = `bold ${Math.floor(colW * 1.25)}px "Courier New", ui-monospace, monospace`;
    for (let c = 0; c < 80; c++) {
      const ch = printed[c];
      if (ch && ch !== " ") ctx.fillText(ch, left + c * colW + colW / 2, 22);
    }
    // Column numbers and the punch position.
    ctx.font = `${Math.floor(colW * 0.7)}px ui-monospace, monospace`;
    ctx.fillStyle = "#9a8a60";
    for (let c = 9; c < 80; c += 10) ctx.fillText(String(c + 1), left + c * colW + colW / 2, 40);
    if (view.card && view.column <= 80) {
      const x = left + (view.column - 1) * colW;
      ctx.strokeStyle = "#d22";
      ctx.lineWidth = 2;
      ctx.strokeRect(x + 1, top - 6, colW - 2, H - top - 12);
    }
    if (!view.card) {
      ctx.fillStyle = "rgba(0,0,0,0.55)";
      ctx.font = "bold 28px system-ui, sans-serif";
      ctx.fillText(emptyText, W / 2, H / 2);
    }
  }
}
