"""The shared cache for several workers on one server (CACHE_BACKEND=recruitment.cache.DiskCache)."""

from __future__ import annotations

from diskcache import DjangoCache


class DiskCache(DjangoCache):
    """diskcache's Django backend (SQLite-indexed files in one folder), kept open between requests.

    Django closes every cache when a request finishes, for backends that hold a connection per request;
    diskcache's close() shuts its SQLite files, which the next request must open again: in the load test that
    was a seventh of a busy worker's time. Its connections are per thread, so keeping them is safe.
    """

    def close(self, **kwargs: object) -> None:
        pass
