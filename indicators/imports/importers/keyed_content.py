"""A file's content per key, computed only when a key is compared with stored data."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping

from .base import Key


class KeyedContent(Mapping[Key, Hashable]):
    """A file's content per key whose values are built only when one is read: an import of keys the
    database does not hold yet compares nothing and so never builds them."""

    def __init__(self, keys: Iterable[Key], build: Callable[[], Mapping[Key, Hashable]]) -> None:
        self._keys = dict.fromkeys(keys)
        self._build = build
        self._built: Mapping[Key, Hashable] | None = None

    def __getitem__(self, key: Key) -> Hashable:
        if key not in self._keys:
            raise KeyError(key)
        if self._built is None:
            self._built = self._build()
        return self._built[key]

    def __contains__(self, key: object) -> bool:  # Mapping's would read the value, and so build
        return key in self._keys

    def __iter__(self) -> Iterator[Key]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)
