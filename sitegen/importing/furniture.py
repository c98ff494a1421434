"""Page furniture, recognised by what it is: one small named predicate per kind.

Each rule looks at one clean line and says whether it is a kind of page
furniture — never one site's strings, but the shapes every news page has:
share widgets, counters, "read more" links and the link lists that follow
them, captions and credits, prompts to subscribe or give feedback, tag lists,
footers. A rule names the zones where it applies: ``opening`` (before the
article text), ``body`` and ``closing`` (after it); a short navigational line
is furniture around the article, but a subhead inside it. Every rule has a
label for the import report and is tested line by line
(tests/unit/test_import_furniture.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Literal

Zone = Literal["opening", "body", "closing"]
ANYWHERE: frozenset[Zone] = frozenset(("opening", "body", "closing"))
AROUND: frozenset[Zone] = frozenset(("opening", "closing"))

_QUOTES = re.compile("[\"“”„«»‘]")  # not ’: mostly an apostrophe
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_SENTENCE_END = re.compile(r"[.!?…:;][\"”’»)\]]*$")
_REPORTING = re.compile(r"\b(said|says|told|according to|added|stated|announced|reported)\b", re.I)


def words(line: str) -> int:
    """How many words (runs starting with a letter) a line has."""
    return len(_WORD.findall(line))


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def _full(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern, re.I)
    return lambda line: bool(compiled.fullmatch(line))


is_advertisement = _full(
    r"(advertisement|advertising|advert|ad|ads|sponsored( content| post| links?)?|promoted( content)?|"
    r"(story|article) continues (below|after)( (the )?(advertisement|ad))?|scroll (down )?to continue( reading| with content)?|"
    r"continue reading (below|after the ad(vertisement)?)|paid (post|content|partner content)|partner content)[.:]?")
"""'Advertisement', 'Story continues below advertisement', 'Sponsored content'."""


def is_share_punctuation(line: str) -> bool:
    """What a share widget leaves in a copy: '[', '|', ']', a lone '<', '•'."""
    return len(line) <= 3 and not any(char.isalnum() for char in line)


_SHARE_CORE = {"share", "shares", "shared", "tweet", "email", "e-mail", "print", "whatsapp", "facebook", "twitter",
               "linkedin", "telegram", "reddit", "pinterest", "flipboard", "messenger", "viber", "bookmark", "save",
               "copy", "copied", "gift", "x"}
_SHARE_WORDS = _SHARE_CORE | {"link", "on", "this", "article", "story", "us", "via", "the", "page", "post", "mail",
                              "url", "to", "clipboard", "vk", "pocket", "threads", "bluesky", "mastodon", "sms"}


def is_share_buttons(line: str) -> bool:
    """A row of share buttons: 'Share', 'Share Us', 'Facebook Twitter WhatsApp Email', 'Copy link'."""
    tokens = re.findall(r"[\w-]+", line.lower())
    return 0 < len(tokens) <= 10 and all(t in _SHARE_WORDS for t in tokens) and any(t in _SHARE_CORE for t in tokens)


_UNIT = r"(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mos?|months?|y|yrs?|years?)"
is_counter = _full(
    r"\d[\d,.\s]*[km]?\+?|"                                                   # 193, 1.2K
    r"\d[\d,.]*[km]?\s*(views?|reads?|comments?|shares?|likes?|reactions?|прочитания|просмотр\w*)|"
    r"((updated|published|posted)\s+)?(\d+|an?|one)\s*" + _UNIT + r"\s+ago(\s*[·|•-]?\s*\d[\d,.]*[km]?)?|"  # 3 days ago 3
    r"(just now|yesterday|today)|"
    r"\d+\s*(-|to)?\s*(\d+\s*)?(min(ute)?s?|m)\.?\s*(read|listen)|(estimated )?reading time:?\s*\d+\s*\w*|"
    r"listen( to (this|the) (article|story))?(\s*\d{1,2}:\d{2})?( min(ute)?s?)?|\d{1,2}:\d{2}")
"""View counters, relative times ('3 days ago 3'), reading times, a bare clock or audio length."""

_READ_MORE = re.compile(
    r"((read|see|learn|find out|get)\s+(more|also|extra)\b|"
    r"read\s+(the\s+)?(full|entire|whole|original|complete)\s+(story|article|report|text|piece)\b|"
    r"(continue|keep)\s+reading\b|click here\b|tap here\b|"
    r"(also read|must read|recommended|related|related (article|story|content|link)|suggested|editor'?s pick|"
    r"top pick|watch|listen|video|more)\s*[:|»›>]|"
    r"continua a leggere|leggi anche|leggi tutto|lire aussi|lire la suite|lesen sie auch|weiterlesen|"
    r"lea también|leer más|leia também|читайте также|читать далее|прочетете още)", re.I)


def is_read_more_link(line: str) -> bool:
    """A link to another story or to the full one: 'Read more on Reuters', 'Read Entire Article',
    'Read also: …', 'Learn Extra: …' (a paraphrased copy's 'Read more'), 'Continue reading'."""
    if not _READ_MORE.match(line) or words(line) > 24:
        return False
    return not ends_sentence(line) or line.endswith(("...", "…", ":")) or words(line) <= 8


_ARTICLE_END = re.compile(
    r"(read|see|continue reading|keep reading)(\s+(more|the\s+(full|entire|whole|original|complete)\s+"
    r"(story|article|report)|(the\s+)?(entire|full|whole|original)\s+(article|story|report)))?"
    r"(\s+(on|at|from|in|via)\s+.{1,60})?[.…]*|continua a leggere( su)?\s+.{1,60}|read entire article", re.I)


def ends_article(line: str) -> bool:
    """A link out to the full report ('Read more on POLITICO', 'Read Entire Article', 'Continue
    reading on …'): the copy ends there, and what follows is the copying site's."""
    return bool(_ARTICLE_END.fullmatch(line)) and line.lower() not in ("read", "see")


is_list_heading = _full(
    r"(read also|also read|see also|related|related (stories|articles|news|coverage|content|topics|links|reading|posts)|"
    r"more (stories|news|articles|headlines|coverage|to read|from .{1,40}|on (this|the) (story|topic)|in .{1,30}|like this)|"
    r"recommended( for you| stories| articles| reading)?|you (may|might) (also )?(like|enjoy|be interested in|have missed)|"
    r"most (read|popular|viewed|shared|commented|recent)|trending( now| stories| news| topics)?|"
    r"top (stories|news|headlines)|latest( news| stories| headlines| updates| articles)?( from .{1,30})?|"
    r"breaking news|editor'?s (picks|choice)|in other news|what to read next|read next|up next|"
    r"popular( now| stories)?|don'?t miss|other news|also on .{1,30}|headlines|news feed|"
    r"altre notizie( da .{1,60})?|ultime notizie|a lire aussi|à lire aussi|lesen sie mehr|"
    r"още по темата|последни новини|читайте также)\s*[:»›>]?")
"""The heading of a list of links to other stories: 'Read also', 'Related', 'Most read'."""

_AGENCY_CREDIT = (r"(getty images|afp|ap|ap photo|reuters|epa|epa-efe|alamy( stock photo)?|shutterstock|bloomberg|"
                  r"pool|dpa|ani|pti|ians|xinhua|sputnik|tass|ria novosti|anadolu( agency)?|nurphoto|sopa images|"
                  r"zuma( press| wire)?|wikimedia commons|file( photo)?|handout|bgnes|bta|ukrinform|kyodo|yonhap|"
                  r"imago|abaca|lightrocket|sipa|picture alliance|press association|pa( wire| media)?)")
_CAPTION = [
    re.compile(r"(.{0,300}?[\s.])?\(?(photo(graph)?s?|image|picture|pic|foto|снимка|фото|credit|source of image|"
               r"image (credit|source)|photo credit)\s*(by|:|/|-)\s*[^.]{1,80}\)?", re.I),
    re.compile(r".{0,300}?[|/(]\s*([\w .'’-]{0,40}/)?\s*" + _AGENCY_CREDIT + r"(\s*/\s*[\w .'’-]{1,40})*\)?\s*", re.I),
    re.compile(r".{0,300}?(alamy stock photo|getty images|shutterstock|ap photo|epa-efe)\s*", re.I),
    re.compile(r"(file photo|file|representative image|representational image|image for representation|"
               r"file image|illustration|screengrab|screenshot)\s*[:.|-].{0,300}", re.I),
    re.compile(r"(representative image|representational image|file photo|file image|screengrab)\.?", re.I),
]


def is_photo_caption(line: str) -> bool:
    """A caption or credit: '… | Sean Gallup/Getty Images', 'Photo: Jens Büttner/dpa',
    'Снимка: БГНЕС/ EPA', 'FILE PHOTO: …', '… Alamy Stock PhotoAlamy Stock Photo'."""
    if len(line) > 400:
        return False
    return any(pattern.fullmatch(line) for pattern in _CAPTION)


is_feedback_prompt = _full(
    r"((give|send|share|leave) (us )?(your )?feedback|feedback|report (an error|a typo|a correction|a problem|"
    r"this (ad|article|comment))|suggest a correction|was this (article|story|page|information|summary) "
    r"(helpful|useful)|did you (like|find|enjoy) this.{0,40}|rate this (article|story)|leave a (comment|reply)|"
    r"(\d+ )?comments?( \(\d+\))?|show comments|view comments|join the (conversation|discussion)|"
    r"yes\s*/?\s*no|(not )?helpful)\s*[?.!]?")
"""'Give Feedback', 'Was this article helpful?', 'Comments (12)'."""

_APPEAL = re.compile(
    r"\b(sign ?up|subscribe|subscription|newsletters?|in your inbox|download (our|the) app|get the app|"
    r"follow us|join (us|our)|support (us|our|the [A-Z]\w*|independent)|donat(e|ion)|become a (member|subscriber|"
    r"supporter|patron)|readers like you|paywalls?|already (a subscriber|have an account)|log ?in|sign ?in|register|"
    r"create (a|an|your) (free )?account|fact-checker|visit our|click here|tap here|unlock|turn on notifications|"
    r"enable notifications|(whatsapp|telegram) channel|on google news)\b", re.I)
_CALL_TO_ACTION = re.compile(r"(sign|subscribe|download|follow|join|support|donate|register|log|click|tap|get|"
                             r"learn|become|want|visit|enable|turn|create|unlock|read)\b", re.I)


def is_reader_appeal(line: str) -> bool:
    """A prompt to the reader — newsletters, subscriptions, donations, apps, sign-in: it addresses
    the reader ('you', or a call to action) and reports nobody's words (no quotes, no 'said')."""
    if not _APPEAL.search(line) or _QUOTES.search(line) or _REPORTING.search(line):
        return False
    addresses = re.search(r"\b(you|your)\b", line, re.I) or _CALL_TO_ACTION.match(line)
    return bool(addresses) or (words(line) <= 8 and not ends_sentence(line))


_TAG_LIST = re.compile(
    r"(country|countries|tags?|topics?|categor(y|ies)|filed under|keywords?|regions?|location|section|subjects?|"
    r"themes?|people|places|organi[sz]ations?|posted in|related topics?|more on|in this (story|article))\s*:\s*"
    r"[^.!?]{1,200}|(#[\w-]+[\s,]*)+", re.I)


def is_tag_list(line: str) -> bool:
    """'Country: India', 'Topics: Baltic Sea, Shipping', '#Ukraine #Russia'."""
    return bool(_TAG_LIST.fullmatch(line))


is_site_footer = _full(
    r"((©|\(c\)|copyright\b).{0,200}|.{0,200}all rights reserved\.?|"
    r"(privacy( policy| notice| settings)?|terms( of (use|service))?( and conditions)?|terms & conditions|"
    r"cookie (policy|settings|preferences|notice)|cookies?|accept( all)?( cookies)?|reject all|"
    r"manage (cookies|settings|preferences|consent)|contact us|about us|imprint|impressum|sitemap|rss( feed)?|"
    r"advertise( with us)?|careers|accessibility|skip to (the )?(main )?(content|navigation)|back to top|menu|"
    r"search|close|open menu|sign in|log in|subscribe|register)( [|·•] .{1,40})*|"
    r"(we|this (site|website)) (use|uses|value) cookies.{0,300})")
"""Copyright lines, legal links, cookie banners, 'Skip to main content', 'Back to top'."""

_NOTICE = re.compile(r"this (story|article|report|content|copy)|edited|auto-generated|syndicated|\bfeed\b|staff|"
                     r"updates? with|corrects?|adds |recasts|refiles|publisher|disclaimer", re.I)


def is_publisher_notice(line: str) -> bool:
    """The site's note about the copy: '(This story has not been edited by … staff and is
    auto-generated from a syndicated feed.)', 'Disclaimer: …'."""
    if re.match(r"disclaimer\s*:", line, re.I):
        return True
    wrapped = (line[:1], line[-1:]) in (("(", ")"), ("[", "]")) or \
        (line[:1] in "([" and line[-2:] in (").", "].") and len(line) > 2)
    return wrapped and bool(_NOTICE.search(line)) and not re.search(r"(reporting|writing|editing) by", line, re.I)


TICKER_ITEM = re.compile(r"(\d{2}/\d{2} \d{2}:\d{2}) - ")


def is_ticker(line: str) -> bool:
    """An aggregator's rolling feed copied as one line: three or more 'dd/mm hh:mm - headline' items."""
    return len(TICKER_ITEM.findall(line)) >= 3


def is_navigation(line: str) -> bool:
    """A short line that is not a sentence — a menu item, a section name, a breadcrumb
    ('Home › News › World'). Around the article only: inside it, such a line may be a subhead."""
    if ends_sentence(line) and not line.endswith(":"):
        return False
    if words(line) <= 4 and len(line) <= 40:
        return True
    parts = [p for p in re.split(r"\s[›»>/|•·]\s|\s*[›»]\s*", line) if p.strip()]
    return len(parts) >= 3 and all(words(p) <= 3 for p in parts)


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of page furniture."""

    label: str
    """How the import report names it."""
    test: Callable[[str], bool]
    """Whether a clean line is this kind of furniture."""
    zones: frozenset[Zone] = ANYWHERE
    """Where on the page it applies."""


RULES: tuple[Rule, ...] = (
    Rule("headline ticker", is_ticker),
    Rule("advertisement", is_advertisement),
    Rule("share widget", is_share_punctuation),
    Rule("share buttons", is_share_buttons),
    Rule("counter", is_counter),
    Rule("link list heading", is_list_heading),
    Rule("reader appeal", is_reader_appeal),
    Rule("read-more link", is_read_more_link),
    Rule("photo caption", is_photo_caption),
    Rule("feedback prompt", is_feedback_prompt),
    Rule("tag list", is_tag_list),
    Rule("site footer", is_site_footer),
    Rule("publisher's notice", is_publisher_notice),
    Rule("navigation", is_navigation, AROUND),
)


def furniture(line: str, zone: Zone) -> str | None:
    """The label of the first rule that calls the line furniture in this zone, or None."""
    for rule in RULES:
        if zone in rule.zones and rule.test(line):
            return rule.label
    return None


# Furniture at the end of an article line: a feed's "Continue reading..." and a wire's end mark.
_INLINE_END = [
    ("read-more link", re.compile(r"\s+(Continue reading|Read more|Read the full (story|article))(\.\.\.|…)?$")),
    ("end mark", re.compile(r"\s*\b(Enditem|ENDITEM|\(END\)|-+\s*ENDS?\s*-+|\(ENDS?\))$")),
]


def split_inline_end(line: str) -> tuple[str, str, str] | None:
    """(the article's part, the furniture, its label) when a line ends with a feed's or a
    wire's end mark ('… Continue reading...', '… Enditem'); None when it does not."""
    for label, pattern in _INLINE_END:
        match = pattern.search(line)
        if match and match.start() > 0:
            return line[: match.start()].rstrip(), match.group(0).strip(), label
    return None
