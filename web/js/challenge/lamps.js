// The 1131 console's display lamps after a visible case of a check (the
// last one, or the one clicked in the results):
// IAR, SAR, SBR, AFR, ACC and EXT as 16 lamps each (bit 0 on the left, as
// IBM numbers bits), then carry, overflow and wait. The values come from
// ConsolePanel.lamps() in Python (machines/ibm1130/panel.py).

const REGISTERS = ["iar", "sar", "sbr", "afr", "acc", "ext"];

export function renderLamps(root, lamps, caption = "the last visible case") {
  const rows = REGISTERS.map((reg) => {
    const row = document.createElement("div");
    row.className = "lamp-row";
    row.id = `lamps-${reg}`;
    const label = document.createElement("span");
    label.textContent = reg.toUpperCase();
    row.append(label);
    const value = lamps ? lamps[reg] : 0;
    for (let bit = 0; bit < 16; bit++) {
      const lamp = document.createElement("span");
      lamp.className = "lamp";
      lamp.dataset.on = (value >> (15 - bit)) & 1 ? "1" : "0";
      row.append(lamp);
    }
    row.title = lamps ? `${reg.toUpperCase()} /${value.toString(16).toUpperCase().padStart(4, "0")}` : "";
    return row;
  });
  const flags = document.createElement("div");
  flags.className = "lamp-flags";
  for (const [name, key] of [["CARRY", "carry"], ["OVERFLOW", "overflow"], ["WAIT", "wait"]]) {
    const span = document.createElement("span");
    const lamp = document.createElement("span");
    lamp.className = "lamp";
    lamp.id = `lamp-${key}`;
    lamp.dataset.on = lamps && lamps[key] ? "1" : "0";
    span.append(lamp, name);
    flags.append(span);
  }
  const title = document.createElement("div");
  title.textContent = lamps ? `Console lamps after ${caption}` : "Console lamps (after a check)";
  root.replaceChildren(title, ...rows, flags);
}
