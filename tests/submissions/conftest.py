import time

import pytest

from submissions.models import ContributionTerms
from submissions.protection import sign_render_time


@pytest.fixture
def terms(db):
    return ContributionTerms.objects.create(title="投稿须知", body="<p>投稿须知正文。</p>")


@pytest.fixture
def form_timing():
    """Hidden protection fields of a form rendered ten seconds ago."""

    def make(token=None):
        import uuid

        return {"rendered_at": sign_render_time(time.time() - 10), "token": str(token or uuid.uuid4()), "website": ""}

    return make
