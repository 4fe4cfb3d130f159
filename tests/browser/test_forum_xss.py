"""A sample of the XSS payloads of ../shared/data/xss-payloads.txt, posted as forum posts, thread
titles and edits, then read in a real browser that listens for any script running: alert,
prompt, confirm and print are replaced before any page script runs and record their calls,
dialogs, console messages, script errors and Content-Security-Policy violations are caught,
and the page's DOM is searched for anything executable that might have got through.

The sample is fixed: every STEP-th line of the file, then the lines that carry "javascript:"
or "onerror", in file order, until BUDGET. The posts are written through the services on the
server's database (fast); the reading is done in the pages, each passing the axe check."""

import json
import secrets
import string

import pytest

from tests.browser.conftest import CheckedPage, log_in, server_shell
from tests.factories import PASSWORD
from tests.xss_payloads import xss_payloads

pytestmark = pytest.mark.browser

BUDGET = 150
STEP = 100
THREADS = 10
TITLE_MAX_LENGTH = 200

SETUP = """
import json
from datetime import timedelta
from pathlib import Path

from django.test.utils import override_settings
from django.utils import timezone

from forums.services.posts import post_create, post_edit, thread_create
from tests.factories import UserFactory, join, make_group

word = {word!r}
plan = json.loads(Path({plan_path!r}).read_text(encoding="utf-8"))
joined = timezone.now() - timedelta(days=3)


def member(name):
    return UserFactory(email=f"{{name.lower()}}-{{word}}@example.org", pseudonym=f"{{name}}{{word}}",
                       date_joined=joined)


group = make_group(member("Fondateur"), name=f"Charges utiles {{word}}")
writer, reader = join(group, member("Ecrivain")), join(group, member("Lectrice"))
threads = []
# Flood control counts in the cache; it is not what this is about, and a script writes faster
# than any member could, so this process counts nothing.
with override_settings(CACHES={{"default": {{"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}}}):
    for part in plan:
        thread = thread_create(actor=writer, group=group, title=part["title"], body=part["bodies"][0])
        for body in part["bodies"][1:]:
            post_create(actor=writer, thread=thread, body=body)
        edited = []
        for before, after in part["edits"]:
            post = post_create(actor=writer, thread=thread, body=before)
            post_edit(actor=writer, post=post, body=after)
            edited.append(post.number)
        base = f"/groups/{{group.slug}}/forum/{{thread.pk}}/"
        threads.append({{"url": base, "posts": thread.post_count, "title": thread.title,
                        "histories": [f"{{base}}posts/{{number}}/history/" for number in edited]}})
result = {{"forum_url": f"/groups/{{group.slug}}/forum/", "threads": threads,
          "reader": {{"email": reader.email}}}}
"""

# Runs in every page before its own scripts: whatever a payload might call is recorded.
LISTENER_SCRIPT = """
(() => {
  const runs = [];
  Object.defineProperty(window, "__scriptRuns", { value: runs });
  for (const name of ["alert", "prompt", "confirm", "print"]) {
    window[name] = (...args) => { runs.push(`${name}(${args.map(String).join(", ")})`); };
  }
  document.addEventListener("securitypolicyviolation", (event) => {
    runs.push(`blocked by the CSP: ${event.violatedDirective} ${event.blockedURI}`);
  });
})();
"""

# Anything executable in the page: event handler attributes, script-bearing URLs, and elements
# user text must never produce.
EXECUTABLE_MARKUP = """
() => {
  const found = [];
  const dangerousUrl = /^(javascript|vbscript|data):/;
  for (const element of document.body.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
      if (name.startsWith("on")) found.push(`${element.tagName} ${name}="${attribute.value}"`);
      if (["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"].includes(name)
          && (name === "srcdoc" || dangerousUrl.test(value))) {
        found.push(`${element.tagName} ${name}="${attribute.value}"`);
      }
    }
  }
  const forbidden = "script, iframe, frame, object, embed, svg, math, base, meta, link, style, form, input, img";
  for (const element of document.querySelectorAll(".user-text, h1")) {
    for (const inner of element.querySelectorAll(forbidden)) {
      found.push(`<${inner.tagName.toLowerCase()}> in user text`);
    }
  }
  return found;
}
"""


def unique_word(length: int = 8) -> str:
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(length))


def squeezed(text: str) -> str:
    return " ".join(text.split())


def payload_sample() -> list[str]:
    lines = [line for line in xss_payloads() if line.strip()]
    sample = list(dict.fromkeys(lines[::STEP]))
    for line in lines:
        if len(sample) >= BUDGET:
            break
        if ("javascript:" in line.lower() or "onerror" in line.lower()) and line not in sample:
            sample.append(line)
    return sample


def posting_plan(sample: list[str]) -> list[dict]:
    """THREADS threads, each titled with a payload, holding payload posts and one post edited
    from one payload to another (its history shows the first)."""
    titles = [line for line in sample if len(line.strip()) <= TITLE_MAX_LENGTH][::-7][:THREADS]
    rest = [line for line in sample if line not in titles]
    edits, bodies = rest[: 2 * THREADS], rest[2 * THREADS:]
    return [
        {
            "title": title,
            "bodies": bodies[index::THREADS],
            "edits": [[edits[2 * index], edits[2 * index + 1]]],
        }
        for index, title in enumerate(titles)
    ]


class ScriptWatch:
    """Dialogs and console messages of a page, and what the listener script recorded."""

    def __init__(self, checked: CheckedPage):
        self.checked = checked
        self.events: list[str] = []
        checked.page.add_init_script(LISTENER_SCRIPT)
        checked.page.on("dialog", self._on_dialog)
        checked.page.on("console", self._on_console)

    def _on_console(self, message) -> None:
        self.events.append(f"console {message.type}: {message.text} ({message.location.get('url')})")

    def _on_dialog(self, dialog) -> None:
        self.events.append(f"dialog {dialog.type}: {dialog.message}")
        dialog.dismiss()

    def read(self, path: str) -> None:
        """Open a page and fail on anything that ran, or could run, in it."""
        self.checked.goto(path)
        page = self.checked.page
        runs = page.evaluate("() => window.__scriptRuns")
        executable = page.evaluate(EXECUTABLE_MARKUP)
        assert not (self.events or runs or executable), (
            f"Script ran or could run on {page.url}:\n" + "\n".join([*self.events, *runs, *executable])
        )


def test_sampled_xss_payloads_in_posts_titles_and_edits_never_run_in_the_browser(
    demo_server, open_checked_page, tmp_path
):
    sample = payload_sample()
    assert len(sample) == BUDGET
    plan = posting_plan(sample)
    assert sum(len(part["bodies"]) + 2 * len(part["edits"]) + 1 for part in plan) == BUDGET
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    state = server_shell(demo_server, SETUP.format(word=unique_word(), plan_path=str(plan_path)))

    reader = open_checked_page()
    watch = ScriptWatch(reader)
    log_in(reader, email=state["reader"]["email"], password=PASSWORD)

    watch.read(state["forum_url"])
    listed = {squeezed(text) for text in reader.page.locator("main .card-list h2").all_inner_texts()}
    assert {squeezed(thread["title"]) for thread in state["threads"]} <= listed
    for thread in state["threads"]:
        watch.read(thread["url"])
        # The title is shown as the text it is, and every post is on the page.
        assert squeezed(reader.page.locator("h1").inner_text()) == squeezed(thread["title"])
        assert reader.page.locator("main article.card").count() == thread["posts"]
        for history in thread["histories"]:
            watch.read(history)
