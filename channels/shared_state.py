"""What the channels remember between messages: the flood limiter's recent messages, Telegram's
long-payload keys and the group chats already told. In this process, or in Redis when REDIS_URL
is set, so that several Rasa instances share it (a button made on one instance works on the other).

Redis trouble never costs a reply: the call falls back to this process's memory and logs it.
Keys hold hashes, never a sender id or chat id as it came in.
"""

import hashlib
import logging
import os
import time
import uuid
from collections import OrderedDict, deque
from functools import cache

import redis

from runtime.redis_client import redis_client

logger = logging.getLogger(__name__)
PREFIX = "weerbaar:"

# One Redis round trip: drop what left the window, refuse when full, else count this message.
_SLIDING_WINDOW = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('EXPIRE', KEYS[1], math.ceil(ARGV[2]))
return 1
"""


def hashed(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]


class MemoryState:
    """This process only; bounded: the newest `capacity` entries of each kind."""

    def __init__(self, capacity: int = 10000) -> None:
        self.capacity = capacity
        self._values: OrderedDict[str, str] = OrderedDict()
        self._windows: dict[str, deque[float]] = {}

    def remember(self, key: str, value: str, seconds: float) -> None:
        self._values[key] = value
        self._values.move_to_end(key)
        while len(self._values) > self.capacity:
            self._values.popitem(last=False)

    def recall(self, key: str) -> str | None:
        return self._values.get(key)

    def first_time(self, key: str, seconds: float) -> bool:
        if key in self._values:
            return False
        self.remember(key, "1", seconds)
        return True

    def allow(self, key: str, limit: int, seconds: float, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        seen = self._windows.setdefault(key, deque())
        while seen and now - seen[0] >= seconds:
            seen.popleft()
        if len(seen) >= limit:
            return False
        seen.append(now)
        if len(self._windows) > self.capacity:  # forget quiet senders
            self._windows = {k: q for k, q in self._windows.items() if q and now - q[-1] < seconds}
        return True


class RedisState:
    """Shared by every instance that uses the same Redis; entries expire after `seconds`."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client
        self.memory = MemoryState()  # used while Redis does not answer
        self._window = client.register_script(_SLIDING_WINDOW)

    def _fallback(self, error: Exception) -> MemoryState:
        logger.warning("redis unreachable (%s); using this process's memory", type(error).__name__)
        return self.memory

    def remember(self, key: str, value: str, seconds: float) -> None:
        try:
            self.client.set(PREFIX + key, value, ex=int(seconds))
        except redis.RedisError as error:
            self._fallback(error).remember(key, value, seconds)

    def recall(self, key: str) -> str | None:
        try:
            found = self.client.get(PREFIX + key)
        except redis.RedisError as error:
            return self._fallback(error).recall(key)
        return found.decode("utf-8") if found is not None else self.memory.recall(key)

    def first_time(self, key: str, seconds: float) -> bool:
        try:
            return bool(self.client.set(PREFIX + key, "1", ex=int(seconds), nx=True))
        except redis.RedisError as error:
            return self._fallback(error).first_time(key, seconds)

    def allow(self, key: str, limit: int, seconds: float, now: float | None = None) -> bool:
        now = time.time() if now is None else now  # wall clock: shared between machines
        try:
            args = [now, seconds, limit, uuid.uuid4().hex]
            return bool(self._window(keys=[PREFIX + key], args=args))
        except redis.RedisError as error:
            return self._fallback(error).allow(key, limit, seconds, now)


@cache
def from_environment() -> MemoryState | RedisState:
    """One state per process: Redis when REDIS_URL is set (a clear error if it is unreachable
    at start), else memory."""
    url = os.environ.get("REDIS_URL", "").strip()
    return RedisState(redis_client(url)) if url else MemoryState()
