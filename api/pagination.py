from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """`?page=2`, `?page_size=500` (at most 1000); the answer has count, next, previous and results."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000

    def get_paginated_response_schema(self, schema: dict) -> dict:
        """DRF's shape, described in Danish for the schema."""
        answer = super().get_paginated_response_schema(schema)
        words = {"count": "Antal i alt.", "next": "Adressen på næste side; null på den sidste.",
                 "previous": "Adressen på forrige side; null på den første.", "results": "Denne sides rækker."}
        for name, text in words.items():
            answer["properties"][name]["description"] = text
        return answer
