"""The browser the journeys drive, and what a person does in it: log in, open a menu."""

import os
from pathlib import Path

from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


def login(page, username: str, password: str = "Test-pass-2026") -> None:
    page.goto(f"{page.base_url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").last.click()
    page.wait_for_url(f"{page.base_url}/home/")


def open_menu(page, group: str, link: str) -> None:
    """Open a navigation group (a dropdown) and follow one of its links, as a person would."""
    page.get_by_role("navigation", name="主导航").get_by_role("button", name=group).click()
    page.get_by_role("navigation", name="主导航").get_by_role("link", name=link).click()
