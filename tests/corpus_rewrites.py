"""Syndication-style rewrites of the demo articles, for near-duplicate precision and recall.

Each rewrite is what wire copies look like in the wild: a dateline and credits added, the
last paragraph cut, a few words changed by a sub-editor, paragraphs swapped, a new headline
and a "related" footer. ``edit_every`` sets how many words are changed (one in N), so the
tests can report recall by strength of editing.
"""

from __future__ import annotations

import re

# A sub-editor's substitutions: same meaning, different words.
SUBSTITUTES = {
    "said": "stated", "on": "upon", "the": "this", "after": "following", "a": "one",
    "and": "as well as", "in": "within", "of": "for", "to": "towards", "with": "alongside",
    "was": "had been", "were": "had been", "would": "will", "at": "in", "by": "via",
    "for": "to", "told": "informed", "about": "around", "more": "over", "two": "both",
}


def edit_words(text: str, every: int) -> str:
    """Change one word in ``every`` (a substitute when there is one, else dropped)."""
    out, n = [], 0
    for token in re.split(r"(\s+)", text):
        if token.strip():
            n += 1
            if n % every == 0:
                token = SUBSTITUTES.get(token.lower(), "")
        out.append(token)
    return re.sub(r"[ \t]+", " ", "".join(out))


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def wire(article: dict) -> str:
    return (f"{article['source'].upper()} (Reuters) - {article['text']}\n\n"
            "Reporting by staff correspondents; Editing by the world desk")


def trim(article: dict) -> str:
    paras = paragraphs(article["text"])
    return "\n\n".join(paras[:-1] if len(paras) >= 4 else paras)


def reorder(article: dict) -> str:
    paras = paragraphs(article["text"])
    if len(paras) >= 4:
        paras[1], paras[2] = paras[2], paras[1]
    return "\n\n".join(paras)


def footer(article: dict) -> str:
    return (article["text"] + "\n\nRelated coverage: regional news in brief; markets wrap; "
            "weather outlook for the week ahead.")


def rewrites(article: dict, edit_every: int) -> list[str]:
    """Return five syndicated copies of an article, each also lightly word-edited."""
    return [edit_words(make(article), edit_every) for make in (wire, trim, reorder, footer)] + [
        edit_words(wire({**article, "text": trim(article)}), edit_every)]


# Hand-written rewrites: the opening of a demo article re-told by a copy desk, the rest kept.
HAND_REWRITES = {
    "demo-005": ("Colombian Foreign Minister Sergio Pardo accused Venezuela on Wednesday of "
                 "allowing",
                 "Colombia's top diplomat, Sergio Pardo, on Wednesday accused Venezuela of "
                 "letting"),
    "demo-025": ("met her Ethiopian counterpart Dawit Alemu in Nairobi on Tuesday, and the two "
                 "agreed",
                 "held talks with Ethiopia's foreign minister, Dawit Alemu, in Nairobi on "
                 "Tuesday and they agreed"),
    "demo-040": ("Chinese coast guard ships blocked a Philippine fisheries vessel",
                 "Ships of China's coast guard blocked a fisheries boat from the Philippines"),
}


def hand_rewrite(article: dict) -> str | None:
    """Return the hand rewrite of an article (its first matching phrase replaced), if any."""
    change = HAND_REWRITES.get(article["id"])
    if change is None or change[0] not in article["text"]:
        return None
    first, *rest = paragraphs(article["text"].replace(change[0], change[1], 1))
    return "\n\n".join([first + " The report could not be independently verified.", *rest])
