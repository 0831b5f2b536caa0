from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.ops.backup import restore_backup
from cms.security import audit
from cms.security.models import AuditAction


class Command(BaseCommand):
    help = _(
        "Restore a backup made with “manage.py backup” into an empty database; then rebuild the search index and "
        "purge every cache."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help=_("The archive to restore (.tar.gz, or .tar.gz.gpg when encrypted)."))
        parser.add_argument("--yes", action="store_true", help=_("Do not ask for confirmation."))

    def handle(self, *args, archive, yes=False, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(_("%(path)s: file not found.") % {"path": archive})
        if not yes:
            raise CommandError(_("Restoring replaces the data in this database. Run again with --yes to proceed."))
        try:
            report = restore_backup(path)
        except Exception as error:
            raise CommandError(_("The restore failed: %(error)s") % {"error": error}) from error
        # After the restore: the log it brought back says when it was replaced, and from which archive.
        audit.record(AuditAction.BACKUP_RESTORE, detail=path.name, request=audit.SYSTEM)
        self.stdout.write(_("Media files restored: %(count)d") % {"count": report.media_files})
        if report.indexed is not None:
            self.stdout.write(_("Search index rebuilt: %(count)d documents") % {"count": report.indexed})
        self.stdout.write(_("Every cache purged (pages, fragments and cached values, on every server)."))
        self.stdout.write(self.style.SUCCESS(_("Restored from %(path)s") % {"path": archive}))
