// The challenge page's module Web Worker: loads Pyodide and the project
// wheel and answers with machines.ibm1130.challenges.webapi, whose
// functions take and return JSON text. A check runs one test case per
// call, with a turn of the event loop between cases, so the page shows
// progress and Python is never called for longer than one case (each case
// is bounded by the challenge's instruction budget).
//
// Messages in:  init; {cmd: "list"}, {cmd: "get", id}, {cmd: "open", text, name},
//               {cmd: "check", id, source, seed?} (each with a request id)
// Messages out: progress (loading), ready, case (one case of a running check),
//               reply ({type: "reply", id, ...}), error

import { bootPython } from "../pyodide-boot.js";
import { openInbox } from "../worker-inbox.js";

let api = null;

function post(msg) {
  self.postMessage(msg);
}

function fail(err, where) {
  post({ type: "error", where, text: String((err && err.message) || err) });
}

const call = (name, ...args) => JSON.parse(api[name](...args));
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

async function start() {
  const py = await bootPython((stage, fraction) => post({ type: "progress", stage, fraction }));
  api = py.pyimport("machines.ibm1130.challenges.webapi");
  post({ type: "ready" });
}

async function check(msg) {
  // JavaScript null would arrive as JsNull: leave the seed out instead.
  const begin = Number.isInteger(msg.seed)
    ? call("check_start", msg.id, msg.source, msg.seed)
    : call("check_start", msg.id, msg.source);
  if (begin.error || begin.errors.length) return { ...begin, done: true };
  for (;;) {
    const step = call("check_step");
    if (step.error) return step;
    if (step.done) return { ...step.result, done: true };
    post({ type: "case", request: msg.id_, n: step.case.number, total: begin.total, case: step.case });
    await nextTurn();
  }
}

async function handle(msg) {
  const id = msg.id;
  let body;
  try {
    switch (msg.cmd) {
      case "list":
        body = call("list_challenges");
        break;
      case "get":
        body = call("get_challenge", msg.challenge);
        break;
      case "open":
        body = call("open_challenge", msg.text, msg.name);
        break;
      case "check":
        body = await check({ ...msg, id: msg.challenge, id_: id });
        break;
      default:
        body = { error: `unknown command ${msg.cmd}` };
    }
  } catch (err) {
    fail(err, msg.cmd);
    body = { error: String((err && err.message) || err) };
  }
  post({ type: "reply", id, ...body });
}

// Commands are answered one at a time, in order (a check spans many turns).
let chain = Promise.resolve();
openInbox({
  start,
  handle: (msg) => { chain = chain.then(() => handle(msg)); },
  fail,
});
