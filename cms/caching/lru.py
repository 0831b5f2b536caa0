"""A small thread-safe least-recently-used map: what an app server process keeps of the shared cache."""

import threading
from collections import OrderedDict
from collections.abc import Iterable


class LRU:
    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        return self.get_many([key]).get(key)

    def get_many(self, keys: Iterable) -> dict:
        with self._lock:
            found = {key: value for key in keys if (value := self._entries.get(key)) is not None}
            for key in found:
                self._entries.move_to_end(key)
        return found

    def put_many(self, items: dict) -> None:
        with self._lock:
            self._entries.update(items)
            for key in items:
                self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
