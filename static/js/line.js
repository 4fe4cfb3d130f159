// A conversation of the listening line, live over its socket (docs/realtime.md); the page's
// forms work without this module. The queue, the answer, the pass and the end are said in the
// page's words (#line-words). frames.js keeps the connection: a message waits in its queue
// until acknowledged; after a reconnect it resumes after the last seq, then sends it again
// with the same client_id.

import { openFrames, statusLine, wordsOf } from "./frames.js";

const FINAL_CLOSES = new Set([4401, 4403, 4404]);

const root = document.getElementById("line");
if (root) start(root);

function start(root) {
  const byId = (id) => document.getElementById(id);
  const { words, say } = wordsOf(byId("line-words"));
  const queueWords = JSON.parse(words.queue);
  const list = byId("line-log").querySelector("ol");
  const template = byId("line-message-template");
  const form = byId("line-form");
  const formError = byId("line-form-error");
  const setState = statusLine({ status: byId("line-status"), state: byId("line-state"), retry: byId("line-retry"), say });
  let finished = false;

  byId("line-status").hidden = false;
  byId("line-static-note").hidden = true;

  // --- What the page shows --------------------------------------------------------------

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

  // A refused message comes back into the text box, nothing of it lost.
  function giveBack(item) {
    if (form) {
      const box = form.elements.body;
      box.value = box.value ? `${item.body}\n${box.value}` : item.body;
    }
  }

  // The frames frames.js leaves to the page (it has handled seq, resume and queue first).
  const handlers = {
    hello(frame) {
      showPhase(frame.status, frame.with);
      showPosition(frame.position);
    },
    message: (frame) => showMessage(frame),
    queue: (frame) => showPosition(frame.position),
    answered: (frame) => showPhase("open", [frame.pseudonym]),
    passed: () => showPhase("passed"),
    ended() {
      finished = true;
      showPhase("ended");
    },
    error: (frame) => showError(frame.message),
  };

  showPhase(root.dataset.status);
  const frames = openFrames({
    path: root.dataset.socketPath,
    lastSeq: root.dataset.lastSeq,
    handlers,
    onState: setState,
    // A guest's account closes with the conversation; anyone else stops too: no retry helps.
    finalState: (code) => (FINAL_CLOSES.has(code) || finished ? "closed" : null),
    onGiveBack: giveBack,
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
      const body = box.value;
      box.value = "";
      box.focus();
      frames.queue(body);
    });
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }
}
