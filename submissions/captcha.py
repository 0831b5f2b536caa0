"""A small image captcha, shown only to clients that have failed a form several times (see the form views)."""

import io
import random
import secrets

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SESSION_KEY = "submissions-captcha"
ALPHABET = "ACDEFHJKMNPRTUVWXY34679"  # no look-alikes such as 0/O, 1/I, 5/S
LENGTH = 5


def new_challenge(session) -> str:
    code = "".join(secrets.choice(ALPHABET) for _index in range(LENGTH))
    session[SESSION_KEY] = code
    return code


def expected_answer(session) -> str | None:
    return session.get(SESSION_KEY)


def render_png(code: str) -> bytes:
    rng = random.Random(code)  # noqa: S311 - only the picture's noise, the code itself comes from secrets
    image = Image.new("RGB", (180, 64), (245, 247, 250))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=38)
    for index, char in enumerate(code):
        draw.text((12 + index * 33, 10 + rng.randint(-6, 6)), char, font=font, fill=(20, 40, 90))
    for _line in range(6):
        draw.line(
            [(rng.randint(0, 180), rng.randint(0, 64)), (rng.randint(0, 180), rng.randint(0, 64))],
            fill=(120, 130, 150), width=2,
        )  # fmt: skip
    buffer = io.BytesIO()
    image.filter(ImageFilter.SMOOTH).save(buffer, "PNG")
    return buffer.getvalue()
