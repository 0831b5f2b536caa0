"""Extra admin views of one object, added to a ModelAdmin's URLs the same way everywhere."""

from django.urls import URLPattern, path


def object_view(model_admin, route: str, view, suffix: str) -> URLPattern:
    """``<object_id>/<route>`` in ``model_admin``'s URLs, behind the admin's sign-in, named
    ``<app>_<model>_<suffix>`` (reverse it as ``admin:<app>_<model>_<suffix>``)."""
    opts = model_admin.model._meta
    return path(
        f"<path:object_id>/{route}",
        model_admin.admin_site.admin_view(view),
        name=f"{opts.app_label}_{opts.model_name}_{suffix}",
    )
