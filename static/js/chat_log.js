// The group chat's message list: each message frame drawn as the page draws it (from the
// page's <template>), kept in seq order; the history reloaded when the server asks.

export function chatLog({ byId, say, memberId, historyUrl }) {
  const log = byId("chat-log");
  const list = log.querySelector("ol");
  const messageTemplate = byId("chat-message-template");

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

  function show(frame) {
    if (byId(`message-${frame.seq}`)) {
      return;
    }
    const node = messageNode(frame);
    // Nearly always the last; a resumed or restored message takes its place in seq order.
    let after = list.lastElementChild;
    while (after && Number(after.dataset.seq) > frame.seq) {
      after = after.previousElementSibling;
    }
    if (after) {
      after.after(node);
    } else {
      list.prepend(node);
    }
    byId("chat-empty").hidden = true;
  }

  function hide(seq) {
    byId(`message-${seq}`)?.remove();
    byId("chat-empty").hidden = list.children.length > 0;
  }

  function setOlder(before) {
    const older = byId("chat-older");
    older.hidden = before === null;
    if (before !== null) {
      older.querySelector("a").href = `${historyUrl}?before=${before}`;
    }
  }

  // The latest page of the history, in place of the list; returns its last seq (null if
  // empty). Throws when the history cannot be fetched.
  async function reload() {
    log.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(historyUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      const page = await response.json();
      list.replaceChildren();
      page.messages.forEach(show);
      byId("chat-empty").hidden = page.messages.length > 0;
      setOlder(page.before);
      return page.messages.length ? page.messages[page.messages.length - 1].seq : null;
    } finally {
      log.removeAttribute("aria-busy");
    }
  }

  return { show, hide, reload };
}
