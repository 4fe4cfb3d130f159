"""The public pages in a real browser: accessible, usable at 320 px, keyboard first."""

import pytest

pytestmark = pytest.mark.browser

PUBLIC_PAGES = ["/", "/groups/", "/groups/?q=deuil", "/accounts/login/", "/accounts/signup/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_passes_the_accessibility_check(checked_page, path):
    checked_page.goto(path)

    assert checked_page.page.locator("h1").count() == 1


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_horizontal_scroll_at_320_px(open_checked_page, path):
    narrow = open_checked_page(width=320, height=640)

    narrow.goto(path)

    scroll_width = narrow.page.evaluate("() => document.scrollingElement.scrollWidth")
    assert scroll_width <= 320, f"{path} is {scroll_width}px wide at a 320px viewport"


def test_at_320_px_the_navigation_folds_behind_a_menu_button_and_the_crisis_link_stays(open_checked_page):
    narrow = open_checked_page(width=320, height=640)
    narrow.goto("/groups/")
    page = narrow.page
    toggle, links = page.locator(".nav-toggle"), page.locator("#site-nav-list")

    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not links.is_visible()
    assert page.locator(".help-now").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and links.is_visible()
    toggle.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "false" and not links.is_visible()


def test_on_a_wide_screen_the_navigation_shows_without_a_menu_button(checked_page):
    checked_page.goto("/groups/")

    assert not checked_page.page.locator(".nav-toggle").is_visible()
    assert checked_page.page.locator("#site-nav-list").is_visible()


def test_the_first_tab_focuses_the_skip_link_which_leads_to_the_main_content(checked_page):
    checked_page.goto("/")
    page = checked_page.page

    page.keyboard.press("Tab")

    focused = page.evaluate("() => ({cls: document.activeElement.className, href: document.activeElement.getAttribute('href')})")
    assert focused == {"cls": "skip-link", "href": "#main"}
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0 and box["width"] > 1 and box["height"] > 1, "skip link stays hidden on focus"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_the_static_stylesheet_and_script_are_served(checked_page):
    checked_page.goto("/")

    for path in ("/static/css/entraide.css", "/static/js/entraide.js"):
        response = checked_page.page.request.get(checked_page.server.url(path))
        assert response.status == 200, path


def test_every_response_carries_a_strict_content_security_policy(checked_page):
    response = checked_page.goto("/")

    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
