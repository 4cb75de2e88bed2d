"""A stand-in for the user's browser in ``ordergate oauth login`` (``BROWSER=…``): opens the
authorize URL, signs in as the demo owner (password from ``var/demo_password`` in the current
directory, as a user would copy it from the banner), grants every shop offered and follows the
redirect to the CLI's local callback."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urljoin

import httpx

DEMO_EMAIL = "demo@ordergate.test"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SHOP = re.compile(r'name="shop_ids" value="(\d+)"')


def main(url: str) -> None:
    password = (Path("var") / "demo_password").read_text().strip()
    with httpx.Client(timeout=30) as browser:
        page = browser.get(url)
        signed = browser.post(
            url,
            data={
                "step": "login",
                "csrf_token": CSRF.findall(page.text)[0],
                "email": DEMO_EMAIL,
                "password": password,
            },
        )
        assert signed.status_code == 303, signed.text
        consent = browser.get(urljoin(url, signed.headers["location"]))
        granted = browser.post(
            url,
            data={
                "step": "consent",
                "csrf_token": CSRF.findall(consent.text)[0],
                "decision": "allow",
                "shop_ids": SHOP.findall(consent.text),
            },
        )
        assert granted.status_code == 302, granted.text
        browser.get(granted.headers["location"])


if __name__ == "__main__":
    main(sys.argv[1])
