"""The admin site, its dashboard and editing helpers, and the ModelAdmins of the site-wide models.

The ModelAdmins are registered by ``CmsAdminConfig.ready`` (cms/apps.py), not on import of this package: the
admin site itself (``cms.admin.site``) lives here, and the default site is built while this package is imported.
"""
