"""The search page: `/search/?q=…&kind=…&page=…`."""

from django.shortcuts import render
from django.utils.translation import get_language

from .service import SearchInputError, SearchPage, search_run

# Far past any real result list; a later page number is read as this one, which then shows the last page.
MAX_PAGE = 10_000


def page_number(value):
    """The page a visitor asked for: ASCII digits from 1 to MAX_PAGE. Anything else (no number, "²", Thai digits,
    a negative number) is the first page, and a number of thousands of digits, which int() refuses, the last."""
    if not (value and value.isascii() and value.isdigit()):
        return 1
    if len(value) > len(str(MAX_PAGE)):
        return MAX_PAGE
    return min(max(int(value), 1), MAX_PAGE)


def search(request):
    query = request.GET.get("q", "")
    try:
        results = search_run(q=query, filters=dict(request.GET.lists()), user=request.user, language=get_language(),
                             page=page_number(request.GET.get("page")))
    except SearchInputError as error:
        return render(request, "search/search.html",
                      {"results": SearchPage(query=query[:200], filters={}), "error": str(error)}, status=400)
    chosen = sum(value.selected for facet in results.facets for value in facet.values)
    return render(request, "search/search.html", {"results": results, "chosen": chosen})
