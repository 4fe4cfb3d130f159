// The group chat, live: the page's form and message list work without this module; with it,
// messages travel over the group's socket (docs/realtime.md describes every frame).
//
// Nothing typed is lost: a message waits in `unsent` (kept in sessionStorage too, so a reload
// keeps it) until the server acknowledges its client_id; after every reconnect the client
// first resumes after the last seq it knows, then sends what is still unsent, with the same
// client_id, which the server stores once. Every word shown comes from the page (#chat-words,
// translated by Django).

const CLOSE_NOT_SIGNED_IN = 4401;
const CLOSE_NOT_ALLOWED = 4403;
const CLOSE_NOT_FOUND = 4404;
const FINAL_CLOSES = {
  [CLOSE_NOT_SIGNED_IN]: "signedOut",
  [CLOSE_NOT_ALLOWED]: "notAllowed",
  [CLOSE_NOT_FOUND]: "notFound",
};
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30000;
const TYPING_EVERY_MS = 3000;
const TYPING_SHOWN_MS = 6000;
// Refusals of a message that waiting will not change: it goes back into the text box.
const REFUSED_FOR_GOOD = new Set(["empty", "too_long", "bad_field", "muted", "not_allowed", "not_found", "refused"]);

const root = document.getElementById("chat");
if (root) {
  start(root);
}

function start(root) {
  const byId = (id) => document.getElementById(id);
  const words = byId("chat-words").dataset;
  const say = (name, values = {}) =>
    words[name].replace(/%\((\w+)\)s/g, (whole, key) => (key in values ? String(values[key]) : whole));

  const log = byId("chat-log");
  const list = log.querySelector("ol");
  const messageTemplate = byId("chat-message-template");
  const form = byId("chat-form");
  const status = byId("chat-status");
  const state = byId("chat-state");
  const retry = byId("chat-retry");
  const retryNow = byId("chat-retry-now");
  const formError = byId("chat-form-error");
  const typingLine = byId("chat-typing");
  const unsentSection = byId("chat-unsent");
  const presenceSection = byId("chat-presence-section");
  const memberId = Number(root.dataset.memberId);
  const historyUrl = root.dataset.historyUrl;
  const storageKey = `entraide-chat-unsent:${root.dataset.groupId}:${memberId}`;

  // Every seq up to `knownSeq` has been seen (or was hidden before it could be, or skipped as
  // not for this member): what a resume asks after. A live message further on means some
  // were missed: resume again.
  let knownSeq = Number(root.dataset.lastSeq) || 0;
  let socket = null;
  let resumed = false;
  let resuming = false;
  let inFlight = null;
  let attempt = 0;
  let retryTimer = null;
  let countdownTimer = null;
  let sendTimer = null;
  let finalClose = false;
  let typingEnabled = false;
  let lastTypingSent = 0;
  const typingMembers = new Map();
  let unsent = loadUnsent();

  status.hidden = false;
  byId("chat-static-note").hidden = true;
  if (form) {
    byId("chat-keys").hidden = false;
  }

  // --- Unsent messages ------------------------------------------------------------------

  function loadUnsent() {
    try {
      const stored = JSON.parse(sessionStorage.getItem(storageKey) || "[]");
      return Array.isArray(stored) ? stored.filter((item) => item && item.client_id && item.body) : [];
    } catch {
      return [];
    }
  }

  function saveUnsent() {
    try {
      if (unsent.length) {
        sessionStorage.setItem(storageKey, JSON.stringify(unsent));
      } else {
        sessionStorage.removeItem(storageKey);
      }
    } catch {
      // Storage refused (private mode, quota): the messages stay in memory.
    }
    showUnsent();
  }

  function showUnsent() {
    const items = unsent.map((item) => {
      const entry = document.createElement("li");
      const text = document.createElement("p");
      text.className = "chat-unsent-body";
      text.textContent = item.body;
      const label = document.createElement("p");
      label.className = "meta";
      label.textContent = say("pending");
      entry.append(text, label);
      return entry;
    });
    unsentSection.querySelector("ul").replaceChildren(...items);
    unsentSection.hidden = unsent.length === 0;
  }

  function forget(clientId) {
    const before = unsent.length;
    unsent = unsent.filter((item) => item.client_id !== clientId);
    if (inFlight === clientId) {
      inFlight = null;
    }
    if (unsent.length !== before) {
      saveUnsent();
    }
  }

  function newClientId() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    return Array.from(bytes, (byte) => alphabet[byte % 64]).join("");
  }

  // One message at a time: an error frame then always answers the message in flight.
  function flush() {
    if (!socket || socket.readyState !== WebSocket.OPEN || !resumed || inFlight || sendTimer || !unsent.length) {
      return;
    }
    const next = unsent[0];
    inFlight = next.client_id;
    socket.send(JSON.stringify({ type: "send", body: next.body, client_id: next.client_id }));
  }

  // --- The message list -----------------------------------------------------------------

  function timeNode(frame) {
    const time = document.createElement("time");
    time.dateTime = frame.created_at;
    time.textContent = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      day: "numeric", month: "long", hour: "2-digit", minute: "2-digit",
    }).format(new Date(frame.created_at));
    return time;
  }

  // A message of someone the member muted or blocked: its place and moment, no words, as
  // the page shows it.
  function foldedNode(frame) {
    const node = document.createElement("li");
    node.className = "chat-message chat-folded";
    node.id = `message-${frame.seq}`;
    node.dataset.seq = String(frame.seq);
    const line = document.createElement("p");
    line.className = "meta";
    line.append(`${say("folded")} · `, timeNode(frame));
    node.append(line);
    return node;
  }

  function messageNode(frame) {
    if (frame.folded) {
      return foldedNode(frame);
    }
    const node = messageTemplate.content.firstElementChild.cloneNode(true);
    node.id = `message-${frame.seq}`;
    node.dataset.seq = String(frame.seq);
    node.querySelector(".chat-author").textContent = frame.author.pseudonym;
    node.querySelector(".chat-when").replaceChildren(timeNode(frame));
    const report = node.querySelector(".chat-report");
    if (report) {
      if (frame.author.id === null || frame.author.id === memberId) {
        report.remove();
      } else {
        const link = report.querySelector("a");
        link.href = `${link.getAttribute("href")}${frame.id}/`;
      }
    }
    // Only in the template when the page offers moderators a form to hide each message.
    const hide = node.querySelector(".chat-hide");
    if (hide) {
      const hideForm = hide.querySelector("form");
      hideForm.action = `${hideForm.getAttribute("action")}${frame.id}/hide/`;
      const reason = hide.querySelector("textarea");
      reason.id = `chat-hide-reason-${frame.seq}`;
      hide.querySelector("label").htmlFor = reason.id;
    }
    // body_html is rendered and sanitised on the server, once, when the message is stored.
    node.querySelector(".chat-body").innerHTML = frame.body_html;
    return node;
  }

  function seqOf(node) {
    return Number(node.dataset.seq);
  }

  function showMessage(frame) {
    const existing = byId(`message-${frame.seq}`);
    if (existing) {
      return;
    }
    const node = messageNode(frame);
    // Nearly always the last; a resumed or restored message takes its place in seq order.
    let after = list.lastElementChild;
    while (after && seqOf(after) > frame.seq) {
      after = after.previousElementSibling;
    }
    if (after) {
      after.after(node);
    } else {
      list.prepend(node);
    }
    byId("chat-empty").hidden = true;
  }

  function hideMessage(seq) {
    const node = byId(`message-${seq}`);
    if (node) {
      node.remove();
    }
    byId("chat-empty").hidden = list.children.length > 0;
  }

  function setOlder(before) {
    const older = byId("chat-older");
    older.hidden = before === null;
    if (before !== null) {
      older.querySelector("a").href = `${historyUrl}?before=${before}`;
    }
  }

  // --- Frames from the server -----------------------------------------------------------

  const handlers = {
    hello(frame) {
      attempt = 0;
      typingEnabled = Boolean(frame.typing);
      presenceSection.hidden = !frame.presence;
      showSlowMode(frame.slow_mode_seconds);
      setState("connected");
      resume();
    },
    message(frame) {
      showMessage(frame);
      if (!frame.folded) {
        forget(frame.client_id && frame.author.id === memberId ? frame.client_id : null);
        clearTyping(frame.author.id);
      }
      advance(frame.seq);
    },
    skip(frame) {
      // A message this member does not get: nothing to show, but its seq is not missing.
      advance(frame.seq);
    },
    restored(frame) {
      showMessage(frame);
    },
    hidden(frame) {
      hideMessage(frame.seq);
    },
    resumed(frame) {
      knownSeq = Math.max(knownSeq, frame.last_seq);
      resuming = false;
      resumed = true;
      flush();
    },
    reload(frame) {
      setState("connected", frame.message);
      reloadHistory();
    },
    ack(frame) {
      forget(frame.client_id);
      flush();
    },
    error(frame) {
      showError(frame.message);
      if (!inFlight) {
        return;
      }
      if (frame.code === "too_fast") {
        // Kept, and sent again when the server says writing works again.
        const failed = inFlight;
        inFlight = null;
        sendTimer = setTimeout(() => {
          sendTimer = null;
          if (unsent.some((item) => item.client_id === failed)) {
            flush();
          }
        }, Math.max(1, Number(frame.retry_after) || 1) * 1000);
      } else if (REFUSED_FOR_GOOD.has(frame.code)) {
        giveBack(inFlight);
      }
    },
    crisis(frame) {
      // Rendered on the server (the crisis prompt the forum shows); shown once, the latest.
      byId("chat-crisis").innerHTML = frame.html;
    },
    presence(frame) {
      showPresence(frame.members);
    },
    typing(frame) {
      showTyping(frame.member);
    },
    slow_mode(frame) {
      showSlowMode(frame.seconds);
    },
  };

  // The next seq moves `knownSeq` on; one further on means some were missed: resume.
  function advance(seq) {
    if (seq === knownSeq + 1) {
      knownSeq = seq;
    } else if (seq > knownSeq + 1 && resumed && !resuming) {
      resume();
    }
  }

  function resume() {
    resuming = true;
    send({ type: "resume", after: knownSeq });
  }

  // A refused message comes back into the text box, nothing of it lost.
  function giveBack(clientId) {
    const item = unsent.find((candidate) => candidate.client_id === clientId);
    forget(clientId);
    if (item && form) {
      const box = form.elements.body;
      box.value = box.value ? `${item.body}\n${box.value}` : item.body;
    }
    flush();
  }

  async function reloadHistory() {
    log.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(historyUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      const page = await response.json();
      list.replaceChildren();
      page.messages.forEach(showMessage);
      byId("chat-empty").hidden = page.messages.length > 0;
      setOlder(page.before);
      const last = page.messages.length ? page.messages[page.messages.length - 1].seq : knownSeq;
      knownSeq = Math.max(knownSeq, last);
      resume();
    } catch {
      showError(say("historyFailed"));
    } finally {
      log.removeAttribute("aria-busy");
    }
  }

  function showError(message) {
    if (!formError) {
      return;
    }
    formError.textContent = message;
    formError.hidden = !message;
  }

  function showSlowMode(seconds) {
    const notice = byId("chat-slow-mode");
    notice.hidden = !seconds;
    if (seconds) {
      notice.textContent = say("slowMode", { seconds });
    }
    byId("chat-slow-mode-state").textContent = seconds ? say("slowMode", { seconds }) : say("slowModeOff");
  }

  function showPresence(members) {
    const items = members.map((member) => {
      const entry = document.createElement("li");
      entry.textContent = member.pseudonym;
      return entry;
    });
    byId("chat-presence").replaceChildren(...items);
    byId("chat-presence-empty").hidden = members.some((member) => member.id !== memberId);
  }

  function showTyping(member) {
    clearTimeout(typingMembers.get(member.id)?.timer);
    const timer = setTimeout(() => clearTyping(member.id), TYPING_SHOWN_MS);
    typingMembers.set(member.id, { pseudonym: member.pseudonym, timer });
    showTypingLine();
  }

  function clearTyping(id) {
    const entry = typingMembers.get(id);
    if (entry) {
      clearTimeout(entry.timer);
      typingMembers.delete(id);
      showTypingLine();
    }
  }

  function showTypingLine() {
    const names = [...typingMembers.values()].map((entry) => entry.pseudonym);
    typingLine.textContent = names.length === 0 ? "" : names.length === 1
      ? say("typingOne", { name: names[0] }) : say("typingMany");
  }

  // --- The socket -----------------------------------------------------------------------

  function setState(name, text) {
    state.textContent = text || say(name);
    status.dataset.state = name;
    if (name !== "reconnecting") {
      retry.textContent = "";
    }
    retryNow.hidden = name !== "reconnecting";
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame));
    }
  }

  function connect() {
    clearTimeout(retryTimer);
    clearInterval(countdownTimer);
    retryTimer = countdownTimer = null;
    if (finalClose || socket) {
      return;
    }
    if (!navigator.onLine) {
      setState("offline");
      return;
    }
    setState("connecting");
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const opened = new WebSocket(`${scheme}//${location.host}${root.dataset.socketPath}`);
    socket = opened;
    opened.addEventListener("message", (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      const handler = frame && handlers[frame.type];
      if (handler && opened === socket) {
        handler(frame);
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
    typingMembers.forEach((entry) => clearTimeout(entry.timer));
    typingMembers.clear();
    showTypingLine();
    if (FINAL_CLOSES[code]) {
      // Signed out, no longer a member, no such group: trying again would not help. The
      // form then posts to the page, which says the same in full.
      finalClose = true;
      setState(FINAL_CLOSES[code]);
      retryNow.hidden = true;
      return;
    }
    if (!navigator.onLine) {
      setState("offline");
      return;
    }
    scheduleReconnect();
  }

  // Exponential back-off with jitter: 1 s, 2 s, 4 s… up to 30 s, each between half and all
  // of it, so that clients cut off together do not all come back at the same instant.
  function scheduleReconnect() {
    const ceiling = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** attempt);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    attempt += 1;
    const due = Date.now() + delay;
    setState("reconnecting");
    const tick = () => {
      retry.textContent = say("retryIn", { seconds: Math.max(1, Math.ceil((due - Date.now()) / 1000)) });
    };
    tick();
    countdownTimer = setInterval(tick, 1000);
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

  retryNow.addEventListener("click", () => {
    attempt = 0;
    connect();
  });
  window.addEventListener("offline", () => {
    // A socket can stay half-open for minutes on a dead network: close it and wait.
    clearTimeout(retryTimer);
    clearInterval(countdownTimer);
    disconnect();
    setState("offline");
  });
  window.addEventListener("online", () => {
    attempt = 0;
    connect();
  });

  // --- The form -------------------------------------------------------------------------

  if (form) {
    const box = form.elements.body;
    const clientIdField = form.elements.client_id;
    form.addEventListener("submit", (event) => {
      if (finalClose) {
        return; // posted to the page as without JavaScript
      }
      event.preventDefault();
      if (!box.value.trim()) {
        showError(say("empty"));
        box.focus();
        return;
      }
      showError("");
      unsent.push({ client_id: clientIdField.value || newClientId(), body: box.value });
      clientIdField.value = newClientId();
      box.value = "";
      box.focus();
      saveUnsent();
      flush();
    });
    box.addEventListener("keydown", (event) => {
      // Enter sends, Shift+Enter goes to a new line; nothing while an input method composes.
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    box.addEventListener("input", () => {
      const now = Date.now();
      if (typingEnabled && resumed && box.value && now - lastTypingSent >= TYPING_EVERY_MS) {
        lastTypingSent = now;
        send({ type: "typing" });
      }
    });
  }

  showUnsent();
  connect();
}
