// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }

  // On a narrow screen the navigation folds behind a "Menu" button, so that the page's own
  // content shows without scrolling; the crisis help link stays outside it, always in view.
  const toggle = document.querySelector(".nav-toggle");
  const list = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (list) {
    const unread = list.querySelector(".badge-notice");
    if (unread) toggle.append(" ", unread.cloneNode(true));
    const narrow = window.matchMedia("(max-width: 30rem)");
    const open = (opened) => {
      list.hidden = !opened;
      toggle.setAttribute("aria-expanded", String(opened));
    };
    const fit = () => {
      toggle.hidden = !narrow.matches;
      open(!narrow.matches);
    };
    toggle.addEventListener("click", () => open(list.hidden));
    narrow.addEventListener("change", fit);
    fit();
  }
});
