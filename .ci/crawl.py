"""The crawl of .ci/image-check: requests a small set of pages of a running portal and the static files they link.

Usage: python .ci/crawl.py BASE_URL PUBLISH_COMMAND...

Every page and file must answer 200 with the security headers; then PUBLISH_COMMAND (another process
sharing the database and the cache) publishes an addendum in the zone named by IMAGE_CHECK_ZONE, and every
following request, whichever gunicorn worker answers it, must show it at once. Standard library only;
loopback only.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

BASE = sys.argv[1].rstrip("/")
PUBLISH = sys.argv[2:]
failures: list[str] = []
static_seen: set[str] = set()


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.pages: list[str] = []
        self.assets: list[str] = []
        self.inline_handlers: list[str] = []
        self.inline_scripts = 0
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in attrs:
            if name.startswith("on"):
                self.inline_handlers.append(f"<{tag} {name}>")
        if tag == "script":
            if attrs.get("src"):
                self.assets.append(attrs["src"])
            else:
                self._in_script = attrs.get("type") not in ("application/json", "application/ld+json")
        elif tag == "link" and attrs.get("href") and "stylesheet" in (attrs.get("rel") or ""):
            self.assets.append(attrs["href"])
        elif tag == "img" and attrs.get("src"):
            self.assets.append(attrs["src"])
        elif tag == "a" and attrs.get("href"):
            self.pages.append(attrs["href"])

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def fetch(path: str, data: dict | None = None, headers: dict | None = None):
    url = path if path.startswith("http") else BASE + path
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Accept-Language": "nl", **(headers or {})})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read(), response.url
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read(), url


def page(path: str, expect_html: bool = True) -> Links:
    status, headers, body, _ = fetch(path)
    links = Links()
    if status != 200:
        failures.append(f"{path}: {status} {body[:300]!r}")
        return links
    for header in ("Content-Security-Policy", "Permissions-Policy"):
        if not headers.get(header):
            failures.append(f"{path}: no {header} header")
    if expect_html:
        links.feed(body.decode("utf-8", "replace"))
        if links.inline_handlers or links.inline_scripts:
            failures.append(f"{path}: inline script or handler {links.inline_handlers[:3]} ({links.inline_scripts})")
        for asset in links.assets:
            if asset.startswith("/static/") and asset not in static_seen:
                static_seen.add(asset)
                asset_status = fetch(asset)[0]
                if asset_status != 200:
                    failures.append(f"{asset} (linked from {path}): {asset_status}")
    print(f"  {status} {path}")
    return links


def first(links: Links, pattern: str) -> str | None:
    return next((href for href in links.pages if re.fullmatch(pattern, href)), None)


print("Public pages (anonymous)")
home = page("/")
zone_url = first(home, r"/zones/[\w-]+/")
assert zone_url, "the home page links no zone"
zone = page(zone_url)
plan_url = first(zone, r"/plannen/\d+/")
assert plan_url, f"{zone_url} links no plan"
plan = page(plan_url)
priority_url = first(plan, r"/plannen/\d+/prioriteiten/\d+/")
assert priority_url, f"{plan_url} links no priority"
page(priority_url)
page(zone_url)  # again: from the cache
page("/zoeken/?q=veiligheid")
page("/sitemap.xml", expect_html=False)
page("/api/v1/", expect_html=False)
page("/api/v1/docs/")
page("/accounts/login/")
status, _, body, _ = fetch("/health/")
print(f"  {status} /health/ {body.decode()[:200]}")
if status != 200:
    failures.append(f"/health/: {status} {body[:300]!r}")

print("Signed in as a council member")
zone_slug = zone_url.strip("/").split("/")[-1]
login_page = fetch("/accounts/login/")[2].decode()
token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
status, _, _, landed = fetch(
    "/accounts/login/",
    {"username": f"council-{zone_slug}", "password": "demo", "csrfmiddlewaretoken": token},
    headers={"Referer": BASE + "/accounts/login/"},
)
if status != 200 or "/accounts/login/" in landed:
    failures.append(f"login as council-{zone_slug}: {status}, landed on {landed}")
else:
    dashboards = page("/dashboard/")
    plan_dashboard = first(dashboards, r"/dashboard/plannen/\d+/")
    if plan_dashboard:
        page(plan_dashboard)
    else:
        failures.append("/dashboard/ links no plan dashboard")
    page("/beheer/")
    page(plan_url)

print("A publication in another process shows at once on every worker")
anonymous = urllib.request.build_opener()


def anonymous_get(path: str) -> tuple[str, str | None]:
    with anonymous.open(urllib.request.Request(BASE + path, headers={"Accept-Language": "nl"}), timeout=30) as answer:
        return answer.read().decode(), answer.headers.get("X-Public-Cache")


before = [anonymous_get(zone_url)[1] for _ in range(6)]  # the page is in the shared cache now
print(f"  before: {before}")
environment = {**os.environ, "IMAGE_CHECK_ZONE": zone_slug}
result = subprocess.run(PUBLISH, capture_output=True, text=True, timeout=120, env=environment)
if result.returncode != 0:
    failures.append(f"publishing failed: {result.stderr[-2000:]}")
else:
    title = result.stdout.strip().splitlines()[-1]
    seen = []
    for _ in range(9):
        content, cached = anonymous_get(zone_url)
        seen.append((title in content, cached))
    print(f"  '{title}' on {sum(found for found, _ in seen)}/9 answers (cache: {[c for _, c in seen]})")
    if not all(found for found, _ in seen):
        failures.append(f"the publication '{title}' is missing from some answers: {seen}")

print(f"{len(static_seen)} static files checked")
if failures:
    print("FAILURES:\n  " + "\n  ".join(failures))
    sys.exit(1)
print(json.dumps({"pages": "ok", "static": len(static_seen)}))
