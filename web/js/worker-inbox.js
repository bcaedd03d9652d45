// The inbox every emulator worker uses. Messages that arrive while
// Pyodide loads are queued (a module worker drops messages posted before
// onmessage is set: web.md 1.2), the first "init" message starts the
// machine, and then the queue is handed, in order, to the worker's handler.
// A failed start leaves the worker deaf; the page restarts it.

export function openInbox({ start, handle, fail }) {
  const queue = [];
  let receive = null;
  self.onmessage = (e) => (receive ? receive(e.data) : queue.push(e.data));
  const waitForInit = async (msg) => {
    if (msg.cmd !== "init") {
      queue.push(msg);
      return;
    }
    receive = (m) => queue.push(m); // a second "init" must not start twice
    try {
      await start(msg);
    } catch (err) {
      fail(err, "boot");
      return;
    }
    receive = (m) => { handle(m); };
    for (const m of queue.splice(0)) handle(m);
  };
  receive = waitForInit;
  for (const m of queue.splice(0)) receive(m);
}
