"""Work queues on the admin index. Apps register panel providers under ``hooks.DASHBOARD_PANELS``; the index
shows the panels the user may see."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest

from cms import hooks


@dataclass(frozen=True)
class DashboardItem:
    label: str
    url: str
    count: int | None = None
    urgent: bool = False


@dataclass(frozen=True)
class DashboardPanel:
    title: str
    items: list[DashboardItem] = field(default_factory=list)
    order: int = 100


#: ``provider(request)`` returns a panel, or ``None`` when the user should not see it.
PanelProvider = Callable[[HttpRequest], DashboardPanel | None]


def panels_for(request: HttpRequest) -> list[DashboardPanel]:
    panels = [panel for provider in hooks.get(hooks.DASHBOARD_PANELS) if (panel := provider(request)) is not None]
    return sorted(panels, key=lambda panel: panel.order)
