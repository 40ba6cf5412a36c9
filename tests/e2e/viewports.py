"""The screen sizes the browser tests look at the site in: a small phone and an ordinary desktop."""

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
