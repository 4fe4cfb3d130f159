// One reconnecting socket for a live page (the group chat, the listening line), speaking the
// frames of docs/realtime.md.
//
// Nothing typed is lost: a message waits in the unsent queue (in sessionStorage too when the
// page gives a key, so a reload keeps it) until the server acknowledges its client_id. After
// every (re)connection the client first resumes after the last seq it knows, then sends what
// is still unsent, with the same client_id, which the server stores once.

const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30000;
// Refusals of a message that waiting will not change: the page gives it back to the writer.
const REFUSED_FOR_GOOD = new Set(["empty", "too_long", "bad_field", "muted", "not_allowed", "not_found", "refused"]);

// The page's words (data-* of one element, translated by Django), with %(name)s filled in.
export function wordsOf(element) {
  const words = element.dataset;
  const say = (name, values = {}) =>
    words[name].replace(/%\((\w+)\)s/g, (whole, key) => (key in values ? String(values[key]) : whole));
  return { words, say };
}

// 16 random characters of the server's client_id alphabet ([A-Za-z0-9_-]).
export function newClientId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  return Array.from(bytes, (byte) => alphabet[byte % 64]).join("");
}

// The status line: what the connection is doing, and when it tries again.
export function statusLine({ status, state, retry, retryNow, say }) {
  let countdown = null;
  return function show(name, { text = "", due = null } = {}) {
    clearInterval(countdown);
    countdown = null;
    state.textContent = text || say(name);
    status.dataset.state = name;
    retry.textContent = "";
    if (retryNow) {
      retryNow.hidden = name !== "reconnecting";
    }
    if (name === "reconnecting" && due) {
      const tick = () => {
        retry.textContent = say("retryIn", { seconds: Math.max(1, Math.ceil((due - Date.now()) / 1000)) });
      };
      tick();
      countdown = setInterval(tick, 1000);
    }
  };
}

function loadQueue(storageKey) {
  if (!storageKey) {
    return [];
  }
  try {
    const stored = JSON.parse(sessionStorage.getItem(storageKey) || "[]");
    return Array.isArray(stored) ? stored.filter((item) => item && item.client_id && item.body) : [];
  } catch {
    return [];
  }
}

// path: the socket's path on this host. lastSeq: the last seq the page shows.
// handlers: the page's own frame handlers, called after this module's for the same type.
// onState(name, {due}): "offline", "connecting", "connected", "reconnecting", or a final
// state named by finalState(closeCode) (null: try again). onUnsent(queue), onGiveBack(item),
// onDropped(): to show the queue, put a refused message back, forget what a dead socket said.
// isMine(messageFrame): whether its client_id is one of this client's (default: yes).
export function openFrames({
  path, lastSeq = 0, handlers = {}, onState = () => {}, finalState = () => null,
  storageKey = null, onUnsent = () => {}, onGiveBack = () => {}, onDropped = () => {},
  isMine = () => true,
}) {
  // Every seq up to `knownSeq` has been seen (or hidden, or skipped as not for this member):
  // what a resume asks after. A live message further on means some were missed: resume again.
  let knownSeq = Number(lastSeq) || 0;
  let socket = null;
  let resumed = false;
  let resuming = false;
  let inFlight = null;
  let attempt = 0;
  let retryTimer = null;
  let sendTimer = null;
  let closedForGood = false;
  let unsent = loadQueue(storageKey);

  function saveQueue() {
    if (storageKey) {
      try {
        if (unsent.length) {
          sessionStorage.setItem(storageKey, JSON.stringify(unsent));
        } else {
          sessionStorage.removeItem(storageKey);
        }
      } catch {
        // Storage refused (private mode, quota): the messages stay in memory.
      }
    }
    onUnsent(unsent);
  }

  const isOpen = () => socket !== null && socket.readyState === WebSocket.OPEN;

  function send(frame) {
    if (isOpen()) {
      socket.send(JSON.stringify(frame));
    }
  }

  // One message at a time: an error frame then always answers the message in flight.
  function flush() {
    if (!isOpen() || !resumed || inFlight || sendTimer || !unsent.length) {
      return;
    }
    inFlight = unsent[0].client_id;
    send({ type: "send", body: unsent[0].body, client_id: inFlight });
  }

  function forget(clientId) {
    const before = unsent.length;
    unsent = unsent.filter((item) => item.client_id !== clientId);
    if (inFlight === clientId) {
      inFlight = null;
    }
    if (unsent.length !== before) {
      saveQueue();
    }
  }

  function giveBack(clientId) {
    const item = unsent.find((candidate) => candidate.client_id === clientId);
    forget(clientId);
    if (item) {
      onGiveBack(item);
    }
    flush();
  }

  function resume() {
    resuming = true;
    send({ type: "resume", after: knownSeq });
  }

  // The next seq moves `knownSeq` on; one further on means some were missed: resume.
  function advance(seq) {
    if (seq === knownSeq + 1) {
      knownSeq = seq;
    } else if (seq > knownSeq + 1 && resumed && !resuming) {
      resume();
    }
  }

  const own = {
    hello() {
      attempt = 0;
      onState("connected");
      resume();
    },
    resumed(frame) {
      knownSeq = Math.max(knownSeq, frame.last_seq);
      resuming = false;
      resumed = true;
      flush();
    },
    message(frame) {
      if (frame.client_id && isMine(frame)) {
        forget(frame.client_id);
      }
      advance(frame.seq);
      flush();
    },
    skip(frame) {
      // A message this member does not get: nothing to show, but its seq is not missing.
      advance(frame.seq);
    },
    ack(frame) {
      forget(frame.client_id);
      flush();
    },
    error(frame) {
      if (!inFlight) {
        return;
      }
      if (frame.code === "too_fast") {
        // Kept, and sent again when the server says writing works again.
        inFlight = null;
        clearTimeout(sendTimer);
        sendTimer = setTimeout(() => {
          sendTimer = null;
          flush();
        }, Math.max(1, Number(frame.retry_after) || 1) * 1000);
      } else if (REFUSED_FOR_GOOD.has(frame.code)) {
        giveBack(inFlight);
      }
    },
  };

  function receive(frame) {
    own[frame.type]?.(frame);
    handlers[frame.type]?.(frame);
  }

  function connect() {
    clearTimeout(retryTimer);
    retryTimer = null;
    if (closedForGood || socket) {
      return;
    }
    if (!navigator.onLine) {
      onState("offline");
      return;
    }
    onState("connecting");
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const opened = new WebSocket(`${scheme}//${location.host}${path}`);
    socket = opened;
    opened.addEventListener("message", (event) => {
      let frame = null;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return; // not JSON: nothing the page can show
      }
      if (frame && typeof frame.type === "string" && opened === socket) {
        receive(frame);
      }
    });
    opened.addEventListener("close", (event) => {
      if (opened === socket) {
        dropped(event.code);
      }
    });
  }

  function dropped(code) {
    socket = null;
    resumed = resuming = false;
    inFlight = null;
    onDropped();
    const final = finalState(code);
    if (final) {
      // Signed out, no longer allowed, nothing there: trying again would not help.
      closedForGood = true;
      onState(final);
      return;
    }
    if (!navigator.onLine) {
      onState("offline");
      return;
    }
    // Exponential back-off with jitter: 1 s, 2 s, 4 s… up to 30 s, each between half and
    // all of it, so that clients cut off together do not all come back at the same instant.
    const ceiling = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** attempt);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    attempt += 1;
    onState("reconnecting", { due: Date.now() + delay });
    retryTimer = setTimeout(connect, delay);
  }

  function disconnect() {
    const closing = socket;
    if (closing) {
      socket = null;
      closing.close();
      dropped(1000);
    }
  }

  function reconnectNow() {
    attempt = 0;
    connect();
  }

  window.addEventListener("offline", () => {
    // A socket can stay half-open for minutes on a dead network: close it and wait.
    clearTimeout(retryTimer);
    retryTimer = null;
    disconnect();
    onState("offline");
  });
  window.addEventListener("online", reconnectNow);

  onUnsent(unsent);
  connect();

  return {
    send,
    resume,
    reconnectNow,
    // Queues a message; it leaves as soon as the socket is open and resumed.
    queue(body, clientId = newClientId()) {
      unsent.push({ client_id: clientId, body });
      saveQueue();
      flush();
    },
    // What a reloaded history shows up to: nothing before it needs resuming.
    seen(seq) {
      knownSeq = Math.max(knownSeq, seq);
    },
    get knownSeq() {
      return knownSeq;
    },
    get resumed() {
      return resumed;
    },
    get closedForGood() {
      return closedForGood;
    },
  };
}
