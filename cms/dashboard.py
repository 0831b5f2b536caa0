"""Work queues on the admin index. Each app registers a panel provider; the index shows what the user may see."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest


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


PanelProvider = Callable[[HttpRequest], DashboardPanel | None]
_providers: list[PanelProvider] = []


def register_panel(provider: PanelProvider) -> PanelProvider:
    """Decorator: ``provider(request)`` returns a panel, or ``None`` when the user should not see it."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def panels_for(request: HttpRequest) -> list[DashboardPanel]:
    panels = [panel for provider in _providers if (panel := provider(request)) is not None]
    return sorted(panels, key=lambda panel: panel.order)
