"""A deterministic corpus of realistic Web1on1 outbound payloads, for the benchmarks.

    python benchmarks/corpus.py --out DIR --n 2000 --format yaml|json --seed 1

Writes N files of 0.5-4 KB into DIR: chat messages (plain, quoted, e-mail length), buttons
of every action type (link, postback, reply, webview, buy, locationRequest), carousel cards,
files and images, WhatsApp templates, one-way SMS with a sender id, commands, forms, and
business-initiated conversations with 1-4 messages. The same seed gives the same payloads
in both formats, byte for byte on every run. About 3% of the files carry exactly one
fault (a schema fault, a rule fault or a syntax fault); which ones, and what they are, is
written to ``DIR.manifest.json`` next to the directory (not inside it, so that a linter
walking DIR does not see it).

Clean files follow the documented rules (role agent, E.164 numbers, 24-hex ids, sender
ids of at most 11 characters, WhatsApp only as templates, cards only on web, GSM-7 SMS
of one segment, increasing delays): a clean file should lint clean.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

MIN_BYTES, MAX_BYTES = 512, 4096
FAULT_RATE = 0.03

# ---------------------------------------------------------------- word pools

FIRST = ["John", "Anna", "Pieter", "Sanne", "Mohamed", "Lotte", "Daan", "Emma", "Lucas",
         "Julia", "Sem", "Tess", "Noah", "Fleur", "Bram", "Eva", "Thijs", "Sophie", "Ruben",
         "Nina", "Jesse", "Lisa", "Milan", "Iris"]
LAST = ["Johnson", "de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer",
        "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen"]
BRANDS = ["Tims Trucks", "Garage Bos", "AutoCenter", "CarPoint", "Vos Motors", "DriveNow",
          "Autohuis", "Bakker Auto"]
DOMAINS = ["example.com", "example.org", "autohuis.example", "dealer.example.net"]
MODELS = ["Model Y", "Golf", "Polo", "ID.3", "Corolla", "Yaris", "Clio", "Kona", "Niro",
          "Octavia", "Fabia", "Ioniq 5", "Mustang Mach-E", "XC40", "EV6"]
TOPICS = ["service", "tyres", "test drive", "trade-in", "financing", "lease", "APK",
          "winter check", "recall", "delivery"]
TEMPLATES = ["your_car_is_ready", "appointment_reminder", "service_due", "test_drive_invite",
             "delivery_update", "quote_ready", "tyre_change_reminder", "lease_ending"]
LANGS = ["nl", "nl", "en", "de", "fr", "en_US", "en_GB", "pt_BR", "es", "es_ES"]
WEB_TOUCHPOINTS = ["web", "web", "web", "email"]
SENTENCES = [
    "Your {model} is ready to be picked up at our {topic} desk.",
    "We would like to invite you for a {topic} appointment next week.",
    "Thanks for visiting us yesterday, {name}; how did you like the {model}?",
    "Your {topic} quote for the {model} is ready, and it is valid for 14 days.",
    "Our workshop is open from 8:00 to 17:30, Monday to Saturday.",
    "If you have any questions about {topic}, just reply to this message.",
    "You can also plan a visit online, at a time that suits you.",
    "We have checked the tyres, the brakes and the lights of your {model}.",
    "A courtesy car is available during the {topic} if you book it in advance.",
    "Please bring the registration papers and both keys when you come in.",
    "The {model} you asked about is in stock in three colours.",
    "We will send you a short survey after your visit; it takes two minutes.",
]
EMOJI = ["", "", "", " 🚗", " 👍", " 🙂"]


def hex_id(rng: random.Random) -> str:
    """A MongoDB ObjectId as the API uses them (24 lowercase hex digits)."""
    return "".join(rng.choice("0123456789abcdef") for _ in range(24))


def namespace(rng: random.Random) -> str:
    parts = (8, 4, 4, 4, 12)
    return "_".join("".join(rng.choice("0123456789abcdef") for _ in range(n)) for n in parts)


def telephone(rng: random.Random) -> str:
    return "+316" + "".join(rng.choice("0123456789") for _ in range(8))


def person(rng: random.Random) -> tuple[str, str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    email = f"{first}.{last}".lower().replace(" ", "") + "@" + rng.choice(DOMAINS)
    return first, last, email


def sentence(rng: random.Random, name: str, emoji: bool = False) -> str:
    text = rng.choice(SENTENCES).format(model=rng.choice(MODELS), topic=rng.choice(TOPICS),
                                        name=name)
    return text + (rng.choice(EMOJI) if emoji else "")


def paragraph(rng: random.Random, name: str, sentences: int, emoji: bool = False) -> str:
    return " ".join(sentence(rng, name, emoji and i == 0) for i in range(max(1, sentences)))


def sms_sentence(rng: random.Random, name: str) -> str:
    """A sentence fit for a one-way SMS: it does not ask for a reply."""
    while True:
        text = sentence(rng, name)
        if "reply" not in text:
            return text


def sms_text(rng: random.Random, name: str) -> str:
    """GSM-7 text of one segment (at most 160 characters)."""
    text = f"Hi {name}! " + sms_sentence(rng, name)
    while True:
        more = text + " " + sms_sentence(rng, name)
        if len(more) > 150:
            return text
        text = more


def url(rng: random.Random, path: str) -> str:
    return f"https://www.{rng.choice(DOMAINS)}/{path}"


def slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def extra_meta(rng: random.Random, level: int) -> dict[str, Any]:
    """Flat meta keys passed to automations (campaign bookkeeping): the filler of a file."""
    meta: dict[str, Any] = {}
    if level >= 1:
        meta["campaign"] = f"{rng.choice(TOPICS).replace(' ', '-')}-{rng.randint(2023, 2025)}"
    if level >= 2:
        meta["source"] = rng.choice(["crm-sync", "dms-export", "marketing", "workshop-planner"])
    if level >= 3:
        meta["externalId"] = f"CRM-{rng.randint(100000, 999999)}"
    for i in range(4, level + 1):
        meta[f"note{i - 3}"] = sentence(rng, rng.choice(FIRST))
    return meta


# ---------------------------------------------------------------- message builders
# Each takes (rng, level) and returns the payload; a higher level gives a larger payload.


def msg_chat(rng: random.Random, level: int) -> dict[str, Any]:
    first, _, _ = person(rng)
    tp = rng.choice(WEB_TOUCHPOINTS)
    msg: dict[str, Any] = {"type": "chat", "role": "agent",
                           "text": paragraph(rng, first, 1 + level, emoji=tp == "web")}
    if rng.random() < 0.5:
        msg["touchpoint"] = tp
    if rng.random() < 0.2:
        msg["meta"] = {"quotedMessage": sentence(rng, first)}
    if rng.random() < 0.2:
        msg["user"] = hex_id(rng)
    meta = extra_meta(rng, level - 8)
    if meta:
        msg["meta"] = {**msg.get("meta", {}), **meta}
    return msg


def _button(rng: random.Random, kind: str, i: int, name: str) -> dict[str, Any]:
    label = rng.choice(["Yes", "No", "Later", "Call me", "Plan a visit", "More info",
                        "Not now", "Tomorrow", "Next week", "Pick up", "Deliver"])
    label = f"{label} {i + 1}" if i else label
    if kind == "postback":
        return {"type": "postback", "text": label, "payload": slug(label).upper()}
    if kind == "reply":
        action = {"type": "reply", "text": label[:20], "payload": slug(label).upper()}
        if rng.random() < 0.3:
            action["iconUrl"] = url(rng, f"icons/{slug(label)}.png")
        return action
    if kind == "link":
        target = url(rng, f"{slug(rng.choice(TOPICS))}/{i}")
        action = {"type": "link", "text": label, "uri": target}
        if rng.random() < 0.5:
            action["url"] = target
        return action
    if kind == "webview":
        action = {"type": "webview", "text": label, "uri": url(rng, f"plan/{i}"),
                  "fallback": url(rng, f"plan/{i}?fallback=1"),
                  "size": rng.choice(["compact", "tall", "full"])}
        if i == 0 and rng.random() < 0.3:
            action["openOnReceive"] = True
        return action
    if kind == "buy":
        return {"type": "buy", "text": f"Pay deposit {i + 1}", "amount": rng.randint(5, 500) * 100,
                "currency": rng.choice(["eur", "usd", "gbp"])}
    return {"type": "locationRequest", "text": "Share your location"}


def msg_actions(kind: str) -> Callable[[random.Random, int], dict[str, Any]]:
    def build(rng: random.Random, level: int) -> dict[str, Any]:
        first, _, _ = person(rng)
        count = 1 if kind == "locationRequest" else min(2 + level, 10 if kind == "reply" else 6)
        msg: dict[str, Any] = {"role": "agent", "text": paragraph(rng, first, 1 + level // 2)}
        if rng.random() < 0.5:
            msg = {"type": "chat", **msg}
        if rng.random() < 0.4:
            msg["touchpoint"] = "web"
        msg["actions"] = [_button(rng, kind, i, first) for i in range(count)]
        meta = extra_meta(rng, level - 3)
        if meta:
            msg["meta"] = meta
        return msg
    return build


def msg_card(rng: random.Random, level: int) -> dict[str, Any]:
    first, _, _ = person(rng)
    items = []
    for i in range(min(1 + level, 10)):
        model = MODELS[(i + rng.randrange(len(MODELS))) % len(MODELS)]
        item: dict[str, Any] = {"title": model, "description": sentence(rng, first)[:128],
                                "mediaUrl": url(rng, f"img/{slug(model)}.jpg")}
        if rng.random() < 0.5:
            item["mediaType"] = "image/jpeg"
        kinds = ["link", "postback", "webview", "buy"]
        actions = []
        for j in range(rng.randint(1, 3)):
            a = _button(rng, rng.choice(kinds), j, first)
            a.pop("openOnReceive", None)
            if a["type"] in ("postback",):
                a["payload"] = f"{slug(model).upper()}-{a['payload']}"
            actions.append(a)
        item["actions"] = actions
        items.append(item)
    msg: dict[str, Any] = {"type": "card", "role": "agent",
                           "text": rng.choice(["Which one do you like?", "Our offers this week",
                                               "Available from stock", "Favorite model?"]),
                           "items": items}
    if rng.random() < 0.5:
        msg["touchpoint"] = "web"
    if rng.random() < 0.5:
        msg["meta"] = {"title": rng.choice(["Stock", "Offers", "New arrivals"])}
    return msg


FILES = [("pdf", "application/pdf"), ("png", "image/png"), ("jpg", "image/jpeg"),
         ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]


def msg_file(rng: random.Random, level: int) -> dict[str, Any]:
    ext, ctype = rng.choice(FILES)
    title = rng.choice(["Quote", "Invoice", "Brochure", "Service report", "Lease offer"])
    msg: dict[str, Any] = {"role": "agent",
                           "text": url(rng, f"files/{slug(title)}-{rng.randint(1000, 9999)}.{ext}"),
                           "contentType": ctype, "meta": {"title": title, **extra_meta(rng, level)}}
    if rng.random() < 0.5:
        msg["touchpoint"] = rng.choice(WEB_TOUCHPOINTS)
    return msg


def msg_whatsapp(rng: random.Random, level: int) -> dict[str, Any]:
    first, _, _ = person(rng)
    return {"role": "agent", "text": paragraph(rng, first, 1 + level),
            "touchpoint": "whatsapp",
            "meta": {"namespace": namespace(rng), "elementName": rng.choice(TEMPLATES),
                     "language": rng.choice(LANGS), **extra_meta(rng, level - 2)}}


def msg_sms(rng: random.Random, level: int) -> dict[str, Any]:
    first, _, _ = person(rng)
    msg: dict[str, Any] = {"role": "agent", "text": sms_text(rng, first), "touchpoint": "sms",
                           "meta": {"SenderID": rng.choice(BRANDS), **extra_meta(rng, level)}}
    if rng.random() < 0.5:
        msg["actions"] = [{"type": "link", "text": "[continue conversation]",
                           "uri": url(rng, "widget") + "?id={authuser}&token={authtoken}"}]
    return msg


def msg_command(rng: random.Random, level: int) -> dict[str, Any]:
    which = rng.choice(["/notify", "/notify", "/assign", "/leave", "/accept"])
    msg: dict[str, Any] = {"type": "command", "text": which}
    meta: dict[str, Any] = {}
    if which == "/notify":
        key = rng.choice(["organizations", "channels"])
        meta[key] = [hex_id(rng) for _ in range(1 + level)]
    elif which == "/assign":
        meta["users"] = [hex_id(rng) for _ in range(1 + level)]
    meta.update(extra_meta(rng, level - 1))
    if meta:
        msg["meta"] = meta
    if rng.random() < 0.3:
        msg["delay"] = rng.choice([1000, 3000, 5000])
    return msg


def msg_form(rng: random.Random, level: int) -> dict[str, Any]:
    name = rng.choice(["Proefrit", "Onderhoud", "Offerte", "Inruil"])
    meta: dict[str, Any] = {"form": hex_id(rng)}
    if rng.random() < 0.6:
        meta["categoryIndex"] = rng.randint(0, 9)
    meta.update(extra_meta(rng, level + 1))
    return {"type": "form", "text": rng.choice("+-") + name, "meta": meta}


def conversation(rng: random.Random, level: int) -> dict[str, Any]:
    """A business-initiated conversation (POST /v2/conversations) with 1-4 messages."""
    first, last, email = person(rng)
    channel = rng.choice(["sms", "sms", "email", "whatsapp"])
    profile: dict[str, Any] = {"name": f"{first} {last}"}
    if channel == "email" or rng.random() < 0.5:
        profile["email"] = email
    if channel != "email" or rng.random() < 0.5:
        profile["telephone"] = telephone(rng)
    if level >= 2:
        profile.update(givenName=first, familyName=last, locale=rng.choice(["nl_NL", "en_US"]))
    count = 1 + (rng.randrange(4) + level) % 4 if level < 4 else 4
    messages: list[dict[str, Any]] = []
    delay = 0
    sender = rng.choice(BRANDS) if channel == "sms" and rng.random() < 0.5 else None
    for i in range(count):
        if channel == "whatsapp":
            m = {"role": "agent", "text": sentence(rng, first),
                 "meta": {"namespace": namespace(rng), "elementName": rng.choice(TEMPLATES),
                          "language": rng.choice(LANGS)}}
        elif channel == "sms":
            m = {"role": "agent", "text": sms_text(rng, first)}
            if sender:
                m["meta"] = {"SenderID": sender}
            if i == count - 1 and count > 1:
                m["actions"] = [{"type": "link", "text": "[continue conversation]",
                                 "uri": url(rng, "widget") + "?id={authuser}&token={authtoken}"}]
        else:
            m = {"role": "agent", "text": paragraph(rng, first, 1 + level)}
            if i == 0 and rng.random() < 0.5:
                m["actions"] = [{"type": "link", "text": "[continue conversation]",
                                 "uri": url(rng, "widget") + "?id={authuser}&token={authtoken}"}]
        if i == 0:
            m["touchpoint"] = channel
        elif channel != "email" and i == count - 1 and rng.random() < 0.3:
            m = {"type": "command", "text": "/leave"}
        if i:
            delay += rng.choice([3000, 4000, 5000])
            m["delay"] = delay
        messages.append(m)
    body: dict[str, Any] = {"organization": hex_id(rng), "type": "contact",
                            "contact": {"profile": profile}, "messages": messages}
    meta = extra_meta(rng, level - 3)
    if meta:
        body["meta"] = meta
    return body


KINDS: list[tuple[str, float, Callable[[random.Random, int], dict[str, Any]]]] = [
    ("chat", 0.16, msg_chat),
    ("postback", 0.07, msg_actions("postback")),
    ("reply", 0.07, msg_actions("reply")),
    ("link", 0.06, msg_actions("link")),
    ("webview", 0.03, msg_actions("webview")),
    ("buy", 0.03, msg_actions("buy")),
    ("location", 0.02, msg_actions("locationRequest")),
    ("card", 0.13, msg_card),
    ("file", 0.07, msg_file),
    ("whatsapp", 0.08, msg_whatsapp),
    ("sms", 0.05, msg_sms),
    ("command", 0.04, msg_command),
    ("form", 0.02, msg_form),
    ("conversation", 0.17, conversation),
]

# ---------------------------------------------------------------- faults


def _first_message(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["messages"][0] if "messages" in doc else doc


def _f_type_typo(doc: dict[str, Any], rng: random.Random) -> None:
    m = _first_message(doc)
    m["type"] = {"card": "crad", "command": "comand", "form": "from"}.get(m.get("type", ""),
                                                                        "chatt")


def _f_sender_id(doc: dict[str, Any], rng: random.Random) -> None:
    m = _first_message(doc)
    m.setdefault("meta", {})["SenderID"] = "Tims Truckshop"  # the seed's own 14 characters


def _f_namespace(doc: dict[str, Any], rng: random.Random) -> None:
    # the UUID written with dashes, as Meta's UI shows it
    _first_message(doc)["meta"]["namespace"] = "56cca706-4162-b9be-fc60-13623ff73b1e"


def _f_negative_delay(doc: dict[str, Any], rng: random.Random) -> None:
    _first_message(doc)["delay"] = -1000


def _f_delay_string(doc: dict[str, Any], rng: random.Random) -> None:
    _first_message(doc)["delay"] = "3000"


def _f_missing_text(doc: dict[str, Any], rng: random.Random) -> None:
    _first_message(doc).pop("text")


def _f_action_typo(doc: dict[str, Any], rng: random.Random) -> None:
    action = _first_message(doc)["actions"][-1]
    action["type"] = {"postback": "postbak", "reply": "replay", "link": "lnk"}[action["type"]]


def _f_reply_in_item(doc: dict[str, Any], rng: random.Random) -> None:
    item = _first_message(doc)["items"][-1]
    item["actions"][-1] = {"type": "reply", "text": "Yes", "payload": "YES"}


def _f_telephone(doc: dict[str, Any], rng: random.Random) -> None:
    profile = doc["contact"]["profile"]
    if "telephone" in profile:
        profile["telephone"] = "06-46280994"  # national format, not E.164
    else:
        profile["email"] = profile["email"].replace("@", " at ")


def _f_missing_role(doc: dict[str, Any], rng: random.Random) -> None:
    _first_message(doc).pop("role")


def _f_link_mismatch(doc: dict[str, Any], rng: random.Random) -> None:
    action = _first_message(doc)["actions"][0]
    action["url"] = action["uri"].replace("https://www.", "https://shop.")


ANY = ("chat", "postback", "reply", "link", "card", "file", "whatsapp", "sms", "conversation")

#: (name, data mutation or None for a text fault, the kinds of file it is planted in)
FAULTS: list[tuple[str, Callable[[dict[str, Any], random.Random], None] | None,
                   tuple[str, ...]]] = [
    ("message-type-typo", _f_type_typo, ("chat", "card", "command", "form")),
    ("sender-id-too-long", _f_sender_id, ("sms",)),
    ("bad-namespace", _f_namespace, ("whatsapp",)),
    ("negative-delay", _f_negative_delay, ANY),
    ("delay-is-string", _f_delay_string, ANY),
    ("missing-text", _f_missing_text, ("chat", "postback", "card", "whatsapp", "conversation")),
    ("action-type-typo", _f_action_typo, ("postback", "reply", "link")),
    ("reply-in-carousel-item", _f_reply_in_item, ("card",)),
    ("telephone-not-e164", _f_telephone, ("conversation",)),
    ("missing-role", _f_missing_role, ("chat", "file", "link", "card", "conversation")),
    ("link-uri-url-mismatch", _f_link_mismatch, ("link",)),
    ("syntax", None, ANY),  # YAML: a duplicate key; JSON: a trailing comma (the seed's typo)
]


# ---------------------------------------------------------------- serialising


def _yaml_dump(doc: Any) -> str:
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return str(yaml.dump(doc, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100,
                         default_flow_style=False))


def render(doc: Any, fmt: str, rng: random.Random, kind: str) -> str:
    if fmt == "json":
        return json.dumps(doc, indent=rng.choice([2, 4]), ensure_ascii=False) + "\n"
    header = f"# {kind}: {sentence(rng, rng.choice(FIRST))}\n"
    if rng.random() < 0.3:
        schema = "conversation" if kind == "conversation" else "message"
        header = (f"# yaml-language-server: $schema=../schemas/{schema}.schema.json\n"
                  + header)
    return header + _yaml_dump(doc)


def syntax_fault(text: str, fmt: str) -> str:
    lines = text.splitlines(keepends=True)
    if fmt == "json":
        # `}],` + `}` as in the seed's WhatsApp example: a trailing comma before the end
        end = max(i for i, line in enumerate(lines) if line.strip() == "}")
        lines[end - 1] = lines[end - 1].rstrip("\n") + ",\n"
        return "".join(lines)
    # a duplicate top-level key: a one-line `key: value` written twice (a copy-paste slip)
    def top(line: str) -> bool:
        return bool(line.strip()) and not line.startswith(("#", " ", "-"))

    for i, line in enumerate(lines):
        single = i + 1 == len(lines) or top(lines[i + 1])
        if top(line) and single and not line.rstrip().endswith(":"):
            return "".join([*lines[: i + 1], line, *lines[i + 1:]])
    return text + lines[-1]


# ---------------------------------------------------------------- the corpus


def _target_size(rng: random.Random) -> int:
    # skewed toward small files: most payloads are short, a few are long
    return int(MIN_BYTES * (MAX_BYTES / MIN_BYTES) ** (rng.random() ** 1.6))


def build_file(seed: int, index: int, fmt: str, kind_name: str,
               builder: Callable[[random.Random, int], dict[str, Any]],
               fault: str | None) -> str:
    """One file's text: grown level by level toward a size drawn for it."""
    target = _target_size(random.Random(f"{seed}:{index}:size"))
    best = ""
    for level in range(24):
        doc = builder(random.Random(f"{seed}:{index}:doc"), level)
        if fault is not None:
            mutate = {name: f for name, f, _ in FAULTS}[fault]
            if mutate is not None:
                mutate(doc, random.Random(f"{seed}:{index}:fault"))
        text = render(doc, fmt, random.Random(f"{seed}:{index}:render"), kind_name)
        if fault == "syntax":
            text = syntax_fault(text, fmt)
        size = len(text.encode("utf-8"))
        if size > MAX_BYTES and len(best.encode("utf-8")) >= MIN_BYTES:
            break
        best = text
        if size >= target:
            break
    return best


def plan(n: int, seed: int) -> list[tuple[str, str | None]]:
    """(kind, fault or None) of every file, from the seed alone."""
    rng = random.Random(f"{seed}:plan")
    names = [k for k, _, _ in KINDS]
    weights = [w for _, w, _ in KINDS]
    kinds = rng.choices(names, weights, k=n)
    faulty = sorted(rng.sample(range(n), min(n, max(1, math.floor(n * FAULT_RATE + 0.5)))))
    faults: dict[int, str] = {}
    for j, i in enumerate(faulty):
        name, _, fits = FAULTS[j % len(FAULTS)]
        faults[i] = name
        if kinds[i] not in fits:  # plant the fault in a file it makes sense in
            kinds[i] = fits[rng.randrange(len(fits))]
    return [(kinds[i], faults.get(i)) for i in range(n)]


def generate(out: Path, n: int = 2000, fmt: str = "yaml", seed: int = 1) -> dict[str, Any]:
    """Write the corpus into ``out``; returns the manifest (also written next to ``out``)."""
    builders = {k: b for k, _, b in KINDS}
    out.mkdir(parents=True, exist_ok=True)
    ext = "json" if fmt == "json" else "yaml"
    files: list[dict[str, Any]] = []
    total = 0
    for i, (kind, fault) in enumerate(plan(n, seed)):
        text = build_file(seed, i, fmt, kind, builders[kind], fault)
        name = f"{i:05d}-{kind}.{ext}"
        data = text.encode("utf-8")
        (out / name).write_bytes(data)
        total += len(data)
        files.append({"file": name, "kind": "conversation" if kind == "conversation"
                      else "message", "bytes": len(data), "fault": fault})
    manifest = {"format": fmt, "seed": seed, "n": n, "bytes": total,
                "faulty": sum(1 for f in files if f["fault"]), "files": files}
    manifest_path(out).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def manifest_path(out: Path) -> Path:
    return out.parent / (out.name + ".manifest.json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="directory to write into")
    parser.add_argument("--n", type=int, default=2000, help="number of files (default 2000)")
    parser.add_argument("--format", choices=["yaml", "json"], default="yaml")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    m = generate(args.out, args.n, args.format, args.seed)
    sizes = sorted(f["bytes"] for f in m["files"])
    print(f"{m['n']} {m['format']} files, {m['bytes'] / 1e6:.2f} MB "
          f"(min {sizes[0]} B, median {sizes[len(sizes) // 2]} B, max {sizes[-1]} B), "
          f"{m['faulty']} with one fault -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
