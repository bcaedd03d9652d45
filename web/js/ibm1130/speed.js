// The console's speed menu (#speed): its setting as the `speed` message's
// fields, and the choice kept in this browser. A module of its own so that
// boot.js can start the worker at the chosen speed before the panes exist.

import { $ } from "./page.js";

const SPEED_KEY = "retro1130.ibm1130.speed";

export function speedSetting() {
  const v = $("#speed").value;
  return v === "max" ? { real: false, cycle_us: 3.6 } : { real: true, cycle_us: Number(v) };
}

// The menu set to the choice saved in this browser, if it is still offered.
export function restoreSpeed() {
  let saved = null;
  try { saved = localStorage.getItem(SPEED_KEY); } catch (e) { /* storage blocked */ }
  if (saved && [...$("#speed").options].some((o) => o.value === saved)) $("#speed").value = saved;
}

export function keepSpeed() {
  try { localStorage.setItem(SPEED_KEY, $("#speed").value); } catch (e) { /* private mode */ }
}
