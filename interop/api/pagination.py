"""Pages of a list: `?page=N` and `?page_size=N` (at most MAX_PAGE_SIZE), with the total count and links."""

from rest_framework.pagination import PageNumberPagination

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class PagePagination(PageNumberPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
