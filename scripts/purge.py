"""`make purge`: delete conversations whose last event is older than RETENTION_DAYS (default 30).

The Rasa server also purges when it starts and then once an hour (runtime/tracker_store.py);
run this from cron when the server may be down for long. Uses the same database as the server:
TRACKER_STORE_URL, or SQLite in var/tracker.db.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from runtime.retention import retention_days  # noqa: E402
from runtime.tracker_store import database_url, purge_database  # noqa: E402


def main() -> int:
    days = retention_days()
    deleted = purge_database(database_url(), days)
    print(f"purge: {deleted} events deleted of conversations older than {days:g} days")
    return 0


if __name__ == "__main__":
    sys.exit(main())
