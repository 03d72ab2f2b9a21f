"""Fingerprints of every 20-character run of the source articles the guide was written from.

The articles themselves are not in this repository; the guide's tests compare each page against
these fingerprints (tests/data/seed_20char_fingerprints.txt) so that no page repeats a run of
20 characters (punctuation and spaces ignored). Regenerate after the articles change:

    python tests/seed_fingerprints.py ../shared/seeds
"""

import hashlib
import re
import sys
from pathlib import Path

RUN = 20
FILE = Path(__file__).resolve().parent / "data" / "seed_20char_fingerprints.txt"


def normalise(text):
    return re.sub(r"[\W_]+", "", text)


def fingerprint(run):
    return hashlib.sha1(run.encode("utf-8")).hexdigest()[:12]


def runs(text):
    text = normalise(text)
    return [text[i:i + RUN] for i in range(len(text) - RUN + 1)]


def from_articles(folder):
    return {fingerprint(run) for path in sorted(Path(folder).glob("*.txt")) for run in runs(path.read_text(encoding="utf-8"))}


def committed():
    return set(FILE.read_text().split())


if __name__ == "__main__":
    found = from_articles(sys.argv[1])
    assert found, f"no .txt articles in {sys.argv[1]}"
    FILE.write_text("\n".join(sorted(found)) + "\n")
    print(f"{len(found)} fingerprints written to {FILE}")
