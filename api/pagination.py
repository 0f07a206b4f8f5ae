"""Pagination of every API list (REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"]).

Kept apart from the views: DRF imports it while it builds APIView itself.
"""

from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=2&page_size=100`; 50 a page by default, 200 at most."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
