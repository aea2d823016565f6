"""A per-user token bucket against message floods.

Each user may send ``burst`` messages at once, refilled at ``rate`` a second.
Past that, the first refused message gets a "slow down" reply and later ones
are ignored until the bucket refills. Buckets are kept for at most
``max_users`` users (least recently seen dropped first).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

ALLOW = "allow"
WARN = "warn"  # refused; tell the user once
DROP = "drop"  # refused; already told


@dataclass
class _Bucket:
    tokens: float
    stamp: float
    warned: bool = False


class Throttle:
    def __init__(
        self,
        burst: int = 8,
        rate: float = 0.5,
        max_users: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ):
        if burst < 1 or rate <= 0:
            raise ValueError("burst must be at least 1 and rate positive")
        self.burst = burst
        self.rate = rate
        self.max_users = max_users
        self.clock = clock
        self._buckets: OrderedDict[object, _Bucket] = OrderedDict()

    def __len__(self) -> int:
        return len(self._buckets)

    def check(self, key: object) -> str:
        """ALLOW (and spend a token), WARN (first refusal) or DROP."""
        now = self.clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = _Bucket(tokens=float(self.burst), stamp=now)
            self._buckets[key] = bucket
        else:
            bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.stamp) * self.rate)
            bucket.stamp = now
        self._buckets.move_to_end(key)
        while len(self._buckets) > self.max_users:
            self._buckets.popitem(last=False)
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            bucket.warned = False
            return ALLOW
        if bucket.warned:
            return DROP
        bucket.warned = True
        return WARN
