"""Reading search results in tests by the names a test gave its records."""

from search.service import search_run


def found_names(catalogue, query):
    """The names (keys of `catalogue`, a dict of name: item) of the items a public search for `query` finds,
    sorted."""
    names = {item.pk: name for name, item in catalogue.items()}
    return sorted(names[hit.object.pk] for hit in search_run(q=query, filters={}).hits)
