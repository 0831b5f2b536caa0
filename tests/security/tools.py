"""Helpers of the security suite: an executable-markup scanner, public-form submission, media listing."""

import io
import os
import re
from html.parser import HTMLParser

from django.conf import settings

from submissions.protection import MIN_SECONDS_TO_FILL, rendered_time, sign_render_time

#: Markup an attacker would put into any text a page shows. Each must come out escaped or stripped.
XSS_PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "a-javascript": '<a href="javascript:alert(1)">x</a>',
    "a-data-uri": '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    "svg-onload": "<svg onload=alert(1)>",
    "iframe-javascript": "<iframe src=javascript:alert(1)>",
    "broken-nesting": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "attribute-breakout": '"><script>alert(1)</script>',
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


class _ExecutableMarkupScanner(HTMLParser):
    """Finds markup that would run the payloads' ``alert``: scripts, event handlers, script URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self._in_executable_script = False

    def handle_starttag(self, tag, attrs):
        self._check_attributes(tag, attrs)
        if tag == "script":
            script_type = (dict(attrs).get("type") or "").strip().lower()
            self._in_executable_script = script_type in SCRIPT_TYPES

    def handle_startendtag(self, tag, attrs):
        self._check_attributes(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_executable_script = False

    def handle_data(self, data):
        if self._in_executable_script and "alert(" in data:
            self.findings.append(f"<script> running {data.strip()[:60]!r}")

    def _check_attributes(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "alert" in value:
                self.findings.append(f"<{tag} {name}={value!r}>")
            compact = re.sub(r"[\s\x00-\x20]", "", value).lower()
            if name in URL_ATTRIBUTES and compact.startswith(DANGEROUS_SCHEMES):
                self.findings.append(f"<{tag} {name}={value!r}>")
            if name == "srcdoc" and "<script" in compact:
                self.findings.append(f"<{tag} srcdoc={value!r}>")


def executable_markup(html: str) -> list[str]:
    """What in ``html`` would execute script; empty when every payload was escaped or stripped."""
    scanner = _ExecutableMarkupScanner()
    scanner.feed(html)
    scanner.close()
    findings = scanner.findings
    if "<script>alert(1)" in html.lower():
        findings.append("literal <script>alert(1)")
    return findings


def assert_inert(response, where: str = "") -> str:
    """The response renders and carries no executable markup; returns the HTML."""
    assert response.status_code == 200, (where, response.status_code)
    html = response.content.decode()
    findings = executable_markup(html)
    assert not findings, (where, findings)
    return html


class _InputCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inputs: dict[str, tuple[str, str]] = {}

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            attributes = dict(attrs)
            if attributes.get("name"):
                self.inputs[attributes["name"]] = (attributes.get("type") or "text", attributes.get("value") or "")


def form_inputs(html: str) -> dict[str, tuple[str, str]]:
    """``{name: (type, value)}`` of every <input> on the page."""
    collector = _InputCollector()
    collector.feed(html)
    return collector.inputs


def rendered_form_data(client, url: str, *, seconds_spent: int = MIN_SECONDS_TO_FILL + 7, **headers) -> dict[str, str]:
    """GET the public form and return its hidden protection fields, as a browser would post them back.

    The signed render time is moved back by ``seconds_spent``, as if the visitor had spent that long typing (ten
    seconds by default): the server compares it with its own clock, and tests do not sleep.
    """
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    inputs = form_inputs(response.content.decode())
    assert inputs["website"][1] == "", "the honeypot is rendered empty"
    hidden = {name: value for name, (kind, value) in inputs.items() if kind == "hidden"}
    assert {"rendered_at", "token"} <= hidden.keys(), hidden
    rendered = rendered_time(hidden["rendered_at"])
    hidden["rendered_at"] = sign_render_time(rendered - seconds_spent) if seconds_spent else hidden["rendered_at"]
    hidden.pop("csrfmiddlewaretoken", None)
    hidden["website"] = ""
    return hidden


def media_files() -> set[str]:
    root = str(settings.MEDIA_ROOT)
    return {os.path.join(path, name) for path, _dirs, names in os.walk(root) for name in names}


def png_bytes(width: int = 64, height: int = 48, mode: str = "RGB") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def has_chinese(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def error_lists(html: str) -> str:
    """The text of every form error list on an admin or public page."""
    blocks = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", block) for block in blocks)


def policy_change_data(client, policy, **overrides) -> dict:
    """The admin change form of ``policy`` as the browser would post it back unchanged, plus ``overrides``."""
    form = client.get(f"/admin/policies/policy/{policy.pk}/change/").context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None and not isinstance(value, list)}
    data.pop("tags", None)
    data.update(
        {
            "authorities": [authority.pk for authority in policy.authorities.all()],
            "issued_on": policy.issued_on.isoformat(),
            "effective_on": policy.effective_on.isoformat(),
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
        }
    )
    data.update(overrides)
    return data
