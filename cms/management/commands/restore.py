from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.ops.backup import restore_backup
from cms.security import audit
from cms.security.models import AuditAction


class Command(BaseCommand):
    help = _("Restore a backup made with “manage.py backup” into an empty database.")

    def add_arguments(self, parser):
        parser.add_argument("archive", help=_("The .tar.gz archive to restore."))
        parser.add_argument("--yes", action="store_true", help=_("Do not ask for confirmation."))

    def handle(self, *args, archive, yes=False, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(_("%(path)s: file not found.") % {"path": archive})
        if not yes:
            raise CommandError(_("Restoring replaces the data in this database. Run again with --yes to proceed."))
        try:
            restore_backup(path)
        except Exception as error:
            raise CommandError(_("The restore failed: %(error)s") % {"error": error}) from error
        # After the restore: the log it brought back says when it was replaced, and from which archive.
        audit.record(AuditAction.BACKUP_RESTORE, detail=path.name, request=audit.SYSTEM)
        self.stdout.write(self.style.SUCCESS(_("Restored from %(path)s") % {"path": archive}))
