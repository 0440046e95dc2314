"""The one way this project reaches Redis (REDIS_URL): the lock store and the channels' state."""

from urllib.parse import urlsplit

import redis

TIMEOUT_SECONDS = 2.0  # Redis down: fail (and answer with the fallback reply) quickly


def redacted(url: str) -> str:
    """The URL without its password, for error messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")).geturl()


def redis_client(url: str) -> redis.Redis:
    """A client for REDIS_URL that has been reached once; a clear error if it cannot be."""
    client = redis.Redis.from_url(
        url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS
    )
    try:
        client.ping()
    except redis.RedisError as error:
        raise ConnectionError(
            f"Redis op {redacted(url)} (REDIS_URL) is niet bereikbaar: {error}"
        ) from error
    return client
