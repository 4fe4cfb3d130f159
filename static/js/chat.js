// The group chat, live: the page's form and message list work without this module; with it,
// messages travel over the group's socket (frames.js keeps the connection, the resume and the
// queue of unsent messages; docs/realtime.md describes every frame). Every word shown comes
// from the page (#chat-words, translated by Django).

import { newClientId, openFrames, statusLine, wordsOf } from "./frames.js";
import { chatLog } from "./chat_log.js";

const FINAL_CLOSES = { 4401: "signedOut", 4403: "notAllowed", 4404: "notFound" };
const TYPING_EVERY_MS = 3000;
const TYPING_SHOWN_MS = 6000;

const root = document.getElementById("chat");
if (root) {
  start(root);
}

function start(root) {
  const byId = (id) => document.getElementById(id);
  const { say } = wordsOf(byId("chat-words"));
  const form = byId("chat-form");
  const formError = byId("chat-form-error");
  const typingLine = byId("chat-typing");
  const unsentSection = byId("chat-unsent");
  const presenceSection = byId("chat-presence-section");
  const memberId = Number(root.dataset.memberId);
  const log = chatLog({ byId, say, memberId, historyUrl: root.dataset.historyUrl });
  const showState = statusLine({
    status: byId("chat-status"), state: byId("chat-state"), retry: byId("chat-retry"),
    retryNow: byId("chat-retry-now"), say,
  });
  const typingMembers = new Map();
  let typingEnabled = false;
  let lastTypingSent = 0;

  byId("chat-status").hidden = false;
  byId("chat-static-note").hidden = true;
  if (form) {
    byId("chat-keys").hidden = false;
  }

  function showUnsent(unsent) {
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

  // A refused message comes back into the text box, nothing of it lost.
  function giveBack(item) {
    if (form) {
      const box = form.elements.body;
      box.value = box.value ? `${item.body}\n${box.value}` : item.body;
    }
  }

  function showError(message) {
    if (formError) {
      formError.textContent = message;
      formError.hidden = !message;
    }
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

  function clearAllTyping() {
    typingMembers.forEach((entry) => clearTimeout(entry.timer));
    typingMembers.clear();
    showTypingLine();
  }

  function showTypingLine() {
    const names = [...typingMembers.values()].map((entry) => entry.pseudonym);
    typingLine.textContent = names.length === 0 ? "" : names.length === 1
      ? say("typingOne", { name: names[0] }) : say("typingMany");
  }

  async function reloadHistory() {
    try {
      const last = await log.reload();
      if (last !== null) {
        frames.seen(last);
      }
      frames.resume();
    } catch {
      showError(say("historyFailed"));
    }
  }

  // The frames frames.js leaves to the page (it has handled seq, resume and queue first).
  const handlers = {
    hello(frame) {
      typingEnabled = Boolean(frame.typing);
      presenceSection.hidden = !frame.presence;
      showSlowMode(frame.slow_mode_seconds);
    },
    message(frame) {
      log.show(frame);
      if (!frame.folded) {
        clearTyping(frame.author.id);
      }
    },
    restored: (frame) => log.show(frame),
    hidden: (frame) => log.hide(frame.seq),
    reload(frame) {
      showState("connected", { text: frame.message });
      reloadHistory();
    },
    error: (frame) => showError(frame.message),
    // Rendered on the server (the crisis prompt the forum shows); shown once, the latest.
    crisis(frame) {
      byId("chat-crisis").innerHTML = frame.html;
    },
    presence: (frame) => showPresence(frame.members),
    typing: (frame) => showTyping(frame.member),
    slow_mode: (frame) => showSlowMode(frame.seconds),
  };

  const frames = openFrames({
    path: root.dataset.socketPath,
    lastSeq: root.dataset.lastSeq,
    handlers,
    onState: showState,
    // Signed out, no longer a member, no such group: the form then posts to the page, which
    // says the same in full.
    finalState: (code) => FINAL_CLOSES[code] || null,
    storageKey: `entraide-chat-unsent:${root.dataset.groupId}:${memberId}`,
    onUnsent: showUnsent,
    onGiveBack: giveBack,
    onDropped: clearAllTyping,
    // A folded message never carries this member's client_id; another's is not in the queue.
    isMine: (frame) => !frame.folded && frame.author.id === memberId,
  });

  byId("chat-retry-now").addEventListener("click", frames.reconnectNow);

  if (form) {
    const box = form.elements.body;
    const clientIdField = form.elements.client_id;
    form.addEventListener("submit", (event) => {
      if (frames.closedForGood) {
        return; // posted to the page as without JavaScript
      }
      event.preventDefault();
      if (!box.value.trim()) {
        showError(say("empty"));
        box.focus();
        return;
      }
      showError("");
      const body = box.value;
      const clientId = clientIdField.value || newClientId();
      clientIdField.value = newClientId();
      box.value = "";
      box.focus();
      frames.queue(body, clientId);
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
      if (typingEnabled && frames.resumed && box.value && now - lastTypingSent >= TYPING_EVERY_MS) {
        lastTypingSent = now;
        frames.send({ type: "typing" });
      }
    });
  }
}
