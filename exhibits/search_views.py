"""The search page: `/search/?q=…&kind=…&page=…`."""

from django.shortcuts import render
from django.utils.translation import get_language

from .search import SearchInputError, SearchPage, search_run


def search(request):
    query = request.GET.get("q", "")
    page = request.GET.get("page", "1")
    try:
        results = search_run(q=query, filters=dict(request.GET.lists()), user=request.user, language=get_language(),
                             page=int(page) if page.isdigit() else 1)
    except SearchInputError as error:
        return render(request, "exhibits/search.html",
                      {"results": SearchPage(query=query[:200], filters={}), "error": str(error)}, status=400)
    return render(request, "exhibits/search.html", {"results": results})
