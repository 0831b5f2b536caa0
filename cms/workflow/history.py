"""The history of an item (its ``Transition`` rows) as a small table in its admin page."""

from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _


def history_table(item, *, limit: int = 50) -> str:
    rows = list(item.transitions.select_related("by", "content_type")[:limit])
    if not rows:
        return "—"
    body = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                timezone.localtime(row.at).strftime("%Y-%m-%d %H:%M"),
                str(row),
                (row.by.get_full_name() or row.by.get_username()) if row.by else "—",
                row.comment,
            )
            for row in rows
        ),
    )
    return format_html(
        '<table class="workflow-history"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>'
        "<tbody>{}</tbody></table>",
        _("Time"), _("Change"), _("By"), _("Comment"), body,
    )  # fmt: skip
