// A conversation of the listening line, live over its socket (docs/realtime.md); the page's
// forms work without this module. The queue, the answer, the pass and the end are said in the
// page's words (#line-words). A message waits in `unsent` until acknowledged; after a
// reconnect the client resumes after its last seq, then sends it again with the same client_id.

const FINAL_CLOSES = new Set([4401, 4403, 4404]);
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30000;
const REFUSED_FOR_GOOD = new Set(["empty", "too_long", "bad_field", "not_allowed", "not_found", "refused"]);

const root = document.getElementById("line");
if (root) start(root);

function start(root) {
  const byId = (id) => document.getElementById(id);
  const words = byId("line-words").dataset;
  const say = (name, values = {}) =>
    words[name].replace(/%\((\w+)\)s/g, (whole, key) => (key in values ? String(values[key]) : whole));
  const queueWords = JSON.parse(words.queue);
  const list = byId("line-log").querySelector("ol");
  const template = byId("line-message-template");
  const form = byId("line-form");
  const formError = byId("line-form-error");
  const state = byId("line-state");
  const retry = byId("line-retry");

  let knownSeq = Number(root.dataset.lastSeq) || 0;
  let socket = null;
  let resumed = false;
  let inFlight = null;
  let attempt = 0;
  let retryTimer = null;
  let finished = false;
  let unsent = [];

  byId("line-status").hidden = false;
  byId("line-static-note").hidden = true;

  // --- What the page shows --------------------------------------------------------------

  function setState(name) {
    state.textContent = say(name);
    byId("line-status").dataset.state = name;
    retry.textContent = "";
  }

  function showPhase(next, names) {
    root.dataset.status = next;
    byId("line-queue").hidden = byId("line-waiting-note").hidden = next !== "queued";
    byId("line-passed").hidden = next !== "passed";
    byId("line-ended").hidden = next !== "ended";
    const withLine = byId("line-with");
    if (names && names.length) {
      withLine.textContent = say("with", { names: names.join(", ") });
    }
    withLine.hidden = next === "queued" || next === "ended" || !withLine.textContent;
    for (const shown of [form, byId("line-pass-form"), byId("line-end-form")]) {
      if (shown && next === "ended") {
        shown.hidden = true;
      }
    }
    if (form && next !== "ended") {
      form.hidden = next === "queued";
    }
  }

  function showPosition(position) {
    if (position) {
      byId("line-queue").textContent = queueWords[position - 1] || words.queueMany;
    }
  }

  function showError(message) {
    if (formError) {
      formError.textContent = message || "";
      formError.hidden = !message;
    }
  }

  function showMessage(frame) {
    if (byId(`line-message-${frame.seq}`)) return;
    const node = template.content.firstElementChild.cloneNode(true);
    node.id = `line-message-${frame.seq}`;
    node.dataset.seq = String(frame.seq);
    node.classList.toggle("line-mine", frame.author === "you");
    node.querySelector(".line-author").textContent = frame.author === "you" ? say("you") : frame.pseudonym;
    const time = document.createElement("time");
    time.dateTime = frame.created_at;
    time.textContent = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      hour: "2-digit", minute: "2-digit",
    }).format(new Date(frame.created_at));
    node.querySelector(".line-when").replaceChildren(time);
    // Plain text, never HTML.
    node.querySelector(".line-body").textContent = frame.body;
    let after = list.lastElementChild;
    while (after && Number(after.dataset.seq) > frame.seq) {
      after = after.previousElementSibling;
    }
    after ? after.after(node) : list.prepend(node);
    byId("line-empty").hidden = true;
  }

  // --- Sending --------------------------------------------------------------------------

  const newClientId = () =>
    Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");

  const isOpen = () => socket && socket.readyState === WebSocket.OPEN;
  const send = (frame) => isOpen() && socket.send(JSON.stringify(frame));

  // One message at a time: an error frame then always answers the one in flight.
  function flush() {
    if (resumed && !inFlight && unsent.length && isOpen()) {
      inFlight = unsent[0].client_id;
      send({ type: "send", body: unsent[0].body, client_id: inFlight });
    }
  }

  function forget(clientId) {
    unsent = unsent.filter((item) => item.client_id !== clientId);
    if (inFlight === clientId) inFlight = null;
  }

  function giveBack(clientId) {
    const item = unsent.find((candidate) => candidate.client_id === clientId);
    forget(clientId);
    if (item && form) {
      const box = form.elements.body;
      box.value = box.value ? `${item.body}\n${box.value}` : item.body;
    }
  }

  // --- Frames from the server -----------------------------------------------------------

  const handlers = {
    hello(frame) {
      attempt = 0;
      setState("connected");
      showPhase(frame.status, frame.with);
      showPosition(frame.position);
      resumed = false;
      send({ type: "resume", after: knownSeq });
    },
    resumed(frame) {
      knownSeq = Math.max(knownSeq, frame.last_seq);
      resumed = true;
      flush();
    },
    message(frame) {
      showMessage(frame);
      forget(frame.client_id);
      if (frame.seq === knownSeq + 1) {
        knownSeq = frame.seq;
      } else if (frame.seq > knownSeq + 1 && resumed) {
        resumed = false;
        send({ type: "resume", after: knownSeq });
      }
      flush();
    },
    ack(frame) {
      forget(frame.client_id);
      flush();
    },
    queue: (frame) => showPosition(frame.position),
    answered: (frame) => showPhase("open", [frame.pseudonym]),
    passed: () => showPhase("passed"),
    ended() {
      finished = true;
      showPhase("ended");
    },
    error(frame) {
      showError(frame.message);
      if (inFlight && REFUSED_FOR_GOOD.has(frame.code)) {
        giveBack(inFlight);
      } else if (inFlight && frame.code === "too_fast") {
        const waiting = inFlight;
        inFlight = null;
        setTimeout(() => waiting && flush(), Math.max(1, Number(frame.retry_after) || 1) * 1000);
      }
    },
  };

  // --- The socket -----------------------------------------------------------------------

  function connect() {
    clearTimeout(retryTimer);
    if (socket) return;
    setState(navigator.onLine ? "connecting" : "offline");
    if (!navigator.onLine) return;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const opened = new WebSocket(`${scheme}//${location.host}${root.dataset.socketPath}`);
    socket = opened;
    opened.addEventListener("message", (event) => {
      let frame = null;
      try {
        frame = JSON.parse(event.data);
      } catch {
        // Not JSON: nothing the page can show.
      }
      if (frame && handlers[frame.type] && opened === socket) {
        handlers[frame.type](frame);
      }
    });
    opened.addEventListener("close", (event) => {
      if (opened !== socket) return;
      socket = null;
      resumed = false;
      inFlight = null;
      if (FINAL_CLOSES.has(event.code) || finished) {
        // A guest's account closes with the conversation; anyone else stops too: no retry helps.
        setState("closed");
        return;
      }
      // Back-off with jitter, 1 s, 2 s, 4 s… up to 30 s, so that clients do not return together.
      const ceiling = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** attempt);
      const delay = ceiling / 2 + Math.random() * (ceiling / 2);
      attempt += 1;
      setState("reconnecting");
      retry.textContent = say("retryIn", { seconds: Math.ceil(delay / 1000) });
      retryTimer = setTimeout(connect, delay);
    });
  }

  window.addEventListener("online", () => {
    attempt = 0;
    connect();
  });
  // A socket can stay half-open for minutes on a dead network: close it and wait.
  window.addEventListener("offline", () => {
    const closing = socket;
    socket = null;
    closing?.close();
    setState("offline");
  });

  // --- The form -------------------------------------------------------------------------

  if (form) {
    byId("line-keys").hidden = false;
    const box = form.elements.body;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!box.value.trim()) {
        showError(say("empty"));
        box.focus();
        return;
      }
      showError("");
      unsent.push({ client_id: newClientId(), body: box.value });
      box.value = "";
      box.focus();
      flush();
    });
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }

  showPhase(root.dataset.status);
  connect();
}
