"""`make check-content`: check every knowledge file, for content editors.

Fails (exit 1) when a file does not load, an entry a user can read has no `source` or `checked`,
or a text holds a phone number or web address that ../shared/domain/FACTS.md does not list.
Lists the entries checked more than 12 months ago, so someone compares them with the source.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actions import knowledge as kb  # noqa: E402

FACTS = ROOT.parent / "shared" / "domain" / "FACTS.md"


def main() -> int:
    if not FACTS.exists():
        print(
            f"FOUT: {FACTS} ontbreekt. De controle vergelijkt nummers en webadressen met de "
            "feitenpagina; zet shared/ naast de projectmap (zoals in CI).",
            file=sys.stderr,
        )
        return 1
    report = kb.check_content(FACTS.read_text(encoding="utf-8"))
    for line in report.stale:
        print(f"Opnieuw controleren: {line}")
    for line in report.unsourced:
        print(f"Bron zonder webadres: {line}")
    for line in report.errors:
        print(f"FOUT: {line}", file=sys.stderr)
    verdict = "niet in orde" if report.errors else "in orde"
    print(
        f"Kennisbestanden {verdict}: {report.entries} onderdelen, {len(report.errors)} fouten, "
        f"{len(report.stale)} ouder dan {kb.STALE_MONTHS} maanden, "
        f"{len(report.unsourced)} met een bron zonder webadres."
    )
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
