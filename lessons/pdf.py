"""HTML to PDF with WeasyPrint, reading only the files it is given, from the archive's public storage.

WeasyPrint would otherwise follow any address in the document: the network, or a file:// path on this machine.
Here every address it asks for must be one of the pictures named by the caller, and is read through the storage
API, so it works the same on a local folder and on object storage.
"""

from pathlib import PurePosixPath
from urllib.parse import unquote

from PIL import ImageFile
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from archive.storage import public_storage

# Importing WeasyPrint tells Pillow, for the whole process, to accept truncated images. The media pipeline refuses
# truncated uploads with Pillow in the same process, and the pictures printed here are the archive's own
# derivatives, so the process keeps Pillow's own default.
ImageFile.LOAD_TRUNCATED_IMAGES = False

IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}


class StorageFetcher(URLFetcher):
    """Gives WeasyPrint the pictures {address: storage name} of one document, and refuses every other address."""

    def __init__(self, pictures: dict[str, str]):
        super().__init__(allowed_protocols=(), allow_redirects=False)
        self.pictures = {unquote(url): name for url, name in pictures.items()}

    def fetch(self, url, headers=None):
        name = self.pictures.get(unquote(url))
        if name is None:
            raise ValueError(f"not read: {url} is not one of this document's pictures")
        with public_storage.open(name, "rb") as stored:
            body = stored.read()
        mime = IMAGE_TYPES.get(PurePosixPath(name).suffix.lower(), "application/octet-stream")
        return URLFetcherResponse(url, body, {"Content-Type": mime})


def render_pdf(html: str, *, stylesheet: str, base_url: str, pictures: dict[str, str]) -> bytes:
    """`html` styled by the CSS text `stylesheet`, as PDF bytes; relative addresses resolve against `base_url`."""
    fetcher = StorageFetcher(pictures)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[CSS(string=stylesheet, base_url=base_url, url_fetcher=fetcher)])
