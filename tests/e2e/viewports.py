"""The screen sizes the browser tests look at the site in: a small phone and an ordinary desktop."""

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def screenshots_folder(topic: str):
    """Where the browser tests leave screenshots for people to look at (var/screenshots/<topic>/, made if need
    be); a test never compares them, it only writes them."""
    from pathlib import Path

    from django.conf import settings

    folder = Path(settings.BASE_DIR) / "var" / "screenshots" / topic
    folder.mkdir(parents=True, exist_ok=True)
    return folder
