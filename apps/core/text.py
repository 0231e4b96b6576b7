"""Normalising what people type or paste."""

import unicodedata

# Hyphen-like characters people paste from Word, WeChat or a full-width keyboard
# (‐ ‑ ‒ – — ― − ﹘ ﹣ －, and the long sound mark ー that Chinese input methods give for "-").
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u30fc"
_TO_HYPHEN = str.maketrans({dash: "-" for dash in DASHES})


def hyphens_normalise(text: str) -> str:
    """Full-width characters to half-width (NFKC) and every hyphen-like dash to "-"."""
    return unicodedata.normalize("NFKC", text).translate(_TO_HYPHEN)


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def digits_normalise(text: str) -> str:
    """Full-width digits (a Chinese keyboard's) as ASCII ones; other look-alikes such as ² stay and are refused."""
    return text.translate(_FULL_WIDTH_DIGITS)
