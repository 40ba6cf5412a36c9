"""Pages of a list: `?page=N` and `?page_size=N` (1 to MAX_PAGE_SIZE), with the total count and links.

Both are checked: a page size out of bounds or a page that is not a number is refused with 400 rather than
quietly replaced, and a page past the last answers 404."""

from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 10**9


class PageParameters(serializers.Serializer):
    page = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE, default=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=PAGE_SIZE)


class PagePagination(PageNumberPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()

    def paginate_queryset(self, queryset, request, view=None):
        parameters = PageParameters(data={name: request.query_params[name] for name in ("page", "page_size")
                                          if name in request.query_params})
        parameters.is_valid(raise_exception=True)
        self.wanted_size = parameters.validated_data["page_size"]
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        return self.wanted_size

    def get_schema_operation_parameters(self, view):
        return [
            {"name": "page", "required": False, "in": "query", "description": "A page number, from 1",
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}},
            {"name": "page_size", "required": False, "in": "query",
             "description": f"Records per page: {PAGE_SIZE} unless asked, at most {MAX_PAGE_SIZE}",
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}},
        ]
