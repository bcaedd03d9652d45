// The challenge page's memory in this browser (localStorage, one JSON key):
// which challenges are solved, the best of each score (lower is better,
// kept per measure as puzzle games do), the program being written for each
// challenge, how many hints were revealed, and the challenge files opened.

const KEY = "retro1130.challenges.v1";
const MEASURES = ["instructions", "microseconds", "words"];

export class Progress {
  constructor(storage) {
    this.storage = storage;
    this.data = { best: {}, drafts: {}, hints: {}, files: {}, last: null };
    try {
      const saved = JSON.parse(storage.getItem(KEY) || "null");
      if (saved && typeof saved === "object") Object.assign(this.data, saved);
    } catch {
      /* a damaged record starts afresh */
    }
  }

  save() {
    try {
      this.storage.setItem(KEY, JSON.stringify(this.data));
    } catch {
      /* storage full or disabled: the page still works */
    }
  }

  solved(id) {
    return !!this.data.best[id];
  }

  best(id) {
    return this.data.best[id] || null;
  }

  // Fold a passing score in; returns the measures it improved.
  record(id, score) {
    const best = this.data.best[id] || {};
    const improved = MEASURES.filter((m) => !(m in best) || score[m] < best[m]);
    for (const m of improved) best[m] = score[m];
    this.data.best[id] = best;
    this.save();
    return improved;
  }

  draft(id) {
    return this.data.drafts[id] ?? null;
  }

  saveDraft(id, text) {
    this.data.drafts[id] = text;
    this.save();
  }

  hints(id) {
    return this.data.hints[id] || 0;
  }

  revealHint(id, count) {
    this.data.hints[id] = Math.min(count, this.hints(id) + 1);
    this.save();
  }

  openedFiles() {
    return this.data.files;
  }

  rememberFile(id, name, text) {
    this.data.files[id] = { name, text };
    this.save();
  }
}
