from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from articles.importing import import_file
from articles.models import Column
from cms.workflow.states import Status


class Command(BaseCommand):
    help = _("Import news from JSON Lines, CSV or plain-text files exported from an old portal.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help=_("Files to import (.jsonl, .csv, .txt)."))
        parser.add_argument("--column", help=_("Column (name or address) for records that name none."))
        parser.add_argument("--status", choices=[Status.DRAFT, Status.PUBLISHED], default=Status.DRAFT)
        parser.add_argument("--to-simplified", action="store_true", help=_("Convert traditional characters."))
        parser.add_argument("--dry-run", action="store_true", help=_("Check the files, save nothing."))

    def handle(self, *args, paths, column=None, status=Status.DRAFT, to_simplified=False, dry_run=False, **options):
        default_column = None
        if column:
            default_column = Column.objects.filter(Q(name=column) | Q(slug=column)).first()
            if default_column is None:
                raise CommandError(_("Unknown column “%(column)s”.") % {"column": column})
        failed = 0
        for raw_path in paths:
            path = Path(raw_path)
            if not path.is_file():
                self.stderr.write(_("%(path)s: file not found.") % {"path": raw_path})
                failed += 1
                continue
            report = import_file(
                path, default_column=default_column, status=status, to_simplified=to_simplified, dry_run=dry_run
            )
            self.stdout.write(
                _("%(path)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(failed)d failed")
                % {"path": raw_path, "created": report.created, "updated": report.updated,
                   "unchanged": report.unchanged, "failed": len(report.errors)}
            )  # fmt: skip
            for error in report.errors:
                self.stderr.write(f"  {error}")
            failed += len(report.errors)
        if dry_run:
            self.stdout.write(_("Dry run: nothing was saved."))
        if failed:
            raise CommandError(_("%(count)d record(s) could not be imported.") % {"count": failed})
