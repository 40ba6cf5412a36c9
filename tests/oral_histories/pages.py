"""Reading an item's public page in tests."""


def item_page(client, item, *, prefix="", query=""):
    """The HTML of `item`'s page at `<prefix>/items/<accession>/<query>`, which must answer 200."""
    response = client.get(f"{prefix}/items/{item.accession_number}/{query}")
    assert response.status_code == 200
    return response.content.decode()
