from intents.normalize import MAX_CHARS, clean, normalize
from intents.spelling import SpellIndex, max_edits


def test_casefold_accents_punctuation_and_spaces():
    assert normalize("  Who   WON the Battle of Dárzab?!  ") == "who won the battle of darzab"


def test_digit_groups_and_ordinals():
    assert normalize("3,500 displaced by July 20th") == "3500 displaced by july 20"
    assert normalize("the 1st of August") == "the 1 of august"


def test_possessives_and_hyphens():
    assert normalize("IS-KP's leader") == "is kp leader"
    assert normalize("ISIS–K") == "isis k"


def test_control_characters_removed_and_length_capped():
    assert clean("who\x00 won\x1b[31m?") == "who won [31m?"
    assert len(clean("a" * 10_000)) == MAX_CHARS


def test_short_words_are_not_fuzzy():
    assert max_edits(2) == 0
    index = SpellIndex(["when", "taliban", "surrendered", "casualties", "fighters"])
    assert index.correct("wen")[0] == "when"
    assert index.correct("talibn")[0] == "taliban"
    assert index.correct("surendered")[0] == "surrendered"
    assert index.correct("casulties")[0] == "casualties"
    assert index.correct("fighers")[0] == "fighters"
    assert index.correct("xq") is None
    assert index.correct("banana") is None


def test_known_words_are_never_corrected():
    index = SpellIndex(["when", "then"])
    assert index.correct("then") == ("then", 1.0)


def test_a_word_the_list_lacks_is_a_verb_by_its_ending_else_a_name():
    from intents.focus import part_of_speech

    english = {"promise": "NV"}
    assert part_of_speech("characterise", english) == "V"  # British spellings the list lacks
    assert part_of_speech("radicalized", english) == "V"
    assert part_of_speech("sheberghan", english) == "N"  # most likely a name
    assert part_of_speech("promise", english) == "NV"  # the list decides what it knows


def test_a_typo_of_a_quantity_after_how_is_that_quantity(engine):
    # "manny" and "mich" are words of their own, but after "how" they are "many" and "much"
    assert engine.understanding.parse("how manny foreign fighters surrendered").tokens[:2] == ["how", "many"]
    assert engine.understanding.parse("how mich territory did they hold").tokens[1] == "much"
    assert engine.understanding.parse("how to read the figures").tokens[1] == "to"
    assert engine.understanding.parse("how mnay died").tokens[1] == "many"  # two letters swapped
