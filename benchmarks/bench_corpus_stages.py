"""Cost of the corpus stages dedup, stories and facts on synthetic corpora of growing size.

Articles are recombined from sentence templates written for this benchmark (no dataset text): each synthetic
event has its own place, actors, numbers and quote; its articles mix event sentences with topic-wide filler,
and a share of them are wire copies (new intro, trimmed ending) or exact reprints, so that both stages do the
work they do on real corpora. Growth should be near-linear: 10x the articles, about 10x the time, never 100x.

    .venv/bin/python benchmarks/bench_corpus_stages.py --sizes 1000,10000 [--no-facts]

Facts run on the stories and duplicates found, with the articles' own entities and sentence spans (as the
per-document stages leave them); quantities are read from the text (`claims.fallback_quantities`).
"""

from __future__ import annotations

import argparse
import random
import time
import zlib
from datetime import date, timedelta

from newsprism.corpus.dedup import find_duplicates
from newsprism.corpus.facts.align import align_facts
from newsprism.corpus.facts.frames import frames_of_texts
from newsprism.corpus.stories import cluster_stories
from newsprism.evals.stories import bcubed
from newsprism.model import Article, Entity, Mention, Published, Sentence

PLACES = ["Northport", "Vale City", "Ashford", "Port Merin", "Kelda", "Brightwater", "Oston", "Ravensmoor",
          "Larch Bay", "Quillon", "Tarrow", "Emberfield", "Sallow Cross", "Dunmere", "Hollin", "Westreach"]
ROLES = ["minister", "mayor", "governor", "spokesperson", "commander", "judge", "union leader", "chief engineer"]
FIRST = ["Ana", "Boris", "Chen", "Dara", "Eli", "Farah", "Goran", "Hana", "Ivo", "Jun", "Kira", "Luis", "Mira",
         "Nils", "Omar", "Petra", "Rui", "Sana", "Tomas", "Uma", "Vera", "Wen", "Yara", "Zoltan"]
LAST = ["Abel", "Brandt", "Costa", "Dimas", "Ekman", "Frey", "Galan", "Holt", "Ilves", "Jansen", "Kovac",
        "Lindqvist", "Moreau", "Novak", "Orsi", "Petrov", "Quint", "Rossi", "Sato", "Tamm", "Ueda", "Varga"]
ACTIONS = [("a bridge collapsed", "collapse"), ("a chemical plant caught fire", "fire"),
           ("the port workers went on strike", "strike"), ("a cargo ship ran aground", "grounding"),
           ("the power grid failed", "blackout"), ("floodwater reached the old town", "flood"),
           ("a train derailed outside the station", "derailment"), ("the parliament voted on a budget", "vote"),
           ("troops were deployed to the border", "deployment"), ("a hospital was evacuated", "evacuation")]
EVENT_SENTENCES = [
    "In {place}, {action} on {day}, officials said.",
    "{person}, the local {role}, said {n} people were affected in {place}.",
    "\u201c{quote},\u201d {person} told reporters after the {kind} in {place}.",
    "Emergency crews reached {place} within hours of the {kind}, according to the {role}.",
    "About {n} residents were moved to shelters as the {kind} unfolded.",
    "Investigators from {place} said the cause of the {kind} was still unclear.",
    "The {kind} in {place} was the largest of its kind in {years} years.",
    "{person} promised a full inquiry into the {kind} and its {n} victims.",
]
FILLER = [
    "Analysts said the region has struggled with ageing infrastructure for a decade.",
    "The national government said it was monitoring the situation closely.",
    "Opposition parties called for a debate in parliament next week.",
    "Markets were little changed on the news, traders said.",
    "The region has seen several similar incidents in recent years.",
    "International observers urged calm and cooperation between the parties.",
    "Local media showed images of crowds gathering near the central square.",
    "A statement from the ministry was expected later in the day.",
]
QUOTE_WORDS = ["we", "will", "rebuild", "every", "street", "never", "forget", "this", "night", "the", "river",
               "took", "everything", "our", "workers", "deserve", "answers", "nobody", "warned", "us"]


def _person(rnd: random.Random) -> str:
    return f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"


def _spans(sents: list[str]) -> list[Sentence]:
    out, at = [], 0
    for s in sents:
        out.append(Sentence(at, at + len(s)))
        at += len(s) + 1
    return out


def make_corpus(n: int, seed: int = 7) -> list[Article]:
    rnd = random.Random(seed)
    n_events = max(1, n // 6)
    start = date(2020, 1, 1)
    events = []
    for e in range(n_events):
        action, kind = rnd.choice(ACTIONS)
        events.append({
            "place": rnd.choice(PLACES) + ("" if e % 3 else f" {rnd.choice(['North', 'South', 'East'])}"),
            "action": action, "kind": kind, "people": [_person(rnd) for _ in range(3)],
            "role": rnd.choice(ROLES), "n": rnd.randint(12, 4000), "years": rnd.randint(5, 60),
            "day": start + timedelta(days=rnd.randint(0, 1500)),
            "quote": " ".join(rnd.choice(QUOTE_WORDS) for _ in range(9)).capitalize(),
        })
    arts: list[Article] = []
    for i in range(n):
        k = rnd.randrange(n_events)
        ev = events[k]
        if arts and rnd.random() < 0.08:  # a reprint or wire copy of an earlier article
            src = arts[rnd.randrange(len(arts))]
            body = src.body if rnd.random() < 0.3 else "A new intro from the reprinting site. " + src.body[: int(
                len(src.body) * 0.85)]
            copy = Article(id=f"a{i:06d}", source=src.source, title=src.title, body=body, published=src.published,
                           entities=src.entities)
            copy.sentences = [Sentence(s.start, s.end) for s in src.sentences if s.end <= len(body)] \
                if body is src.body else []  # an edited copy is split by the parser, as an unannotated article
            arts.append(copy)
            continue
        sents = [s.format(place=ev["place"], action=ev["action"], kind=ev["kind"], person=rnd.choice(ev["people"]),
                          role=ev["role"], n=ev["n"], years=ev["years"], quote=ev["quote"],
                          day=ev["day"].strftime("%A"))
                 for s in rnd.sample(EVENT_SENTENCES, 6)]
        sents += rnd.sample(FILLER, 3)
        rnd.shuffle(sents)
        pub = (ev["day"] + timedelta(days=rnd.randint(0, 2))).isoformat()
        ents = [Entity(id=f"E{zlib.crc32(p.encode()) % 10**6}", name=p, type="PERSON", mentions=[Mention(p, 0, 0)])
                for p in ev["people"]]
        ents.append(Entity(id=f"E{zlib.crc32(ev['place'].encode()) % 10**6}", name=ev["place"], type="GPE",
                           mentions=[Mention(ev["place"], 0, 0)]))
        arts.append(Article(id=f"a{i:06d}", source=f"bench:event{k}", title=f"{ev['kind'].title()} in {ev['place']}",
                            body=" ".join(sents), published=Published(date=pub, earliest=pub, latest=pub),
                            entities=ents, sentences=_spans(sents)))
    return arts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--no-facts", dest="facts", action="store_false", help="time dedup and stories only")
    args = ap.parse_args()
    rows = []
    if args.facts:  # load the parser before timing: the first size would carry it
        frames_of_texts(["The benchmark warms the parser up."])
    for n in (int(x) for x in args.sizes.split(",")):
        arts = make_corpus(n)
        t0 = time.perf_counter()
        dups = find_duplicates(arts)
        t1 = time.perf_counter()
        stories = cluster_stories(arts, dups)
        t2 = time.perf_counter()
        facts = align_facts(arts, stories, dups) if args.facts else []
        t3 = time.perf_counter()
        rows.append((n, t1 - t0, t2 - t1, t3 - t2))
        pred = {a: s.id for s in stories for a in s.articles}
        p, r, f1 = bcubed(pred, {a.id: a.source for a in arts})
        print(f"{n:>7} articles  dedup {t1 - t0:7.2f} s ({1000 * (t1 - t0) / n:.2f} ms/article, {len(dups)} pairs)"
              f"  stories {t2 - t1:7.2f} s ({1000 * (t2 - t1) / n:.2f} ms/article, {len(stories)} stories, "
              f"{len(set(a.source for a in arts))} generated events, B-cubed F1 {f1:.3f})"
              + (f"  facts {t3 - t2:7.2f} s ({1000 * (t3 - t2) / n:.2f} ms/article, {len(facts)} facts)"
                 if args.facts else ""), flush=True)
    if len(rows) > 1:
        (n0, d0, s0, f0), (n1, d1, s1, f1_) = rows[0], rows[-1]
        print(f"growth for {n1 / n0:.0f}x articles: dedup {d1 / d0:.1f}x, stories {s1 / s0:.1f}x"
              + (f", facts {f1_ / f0:.1f}x" if args.facts else "")
              + f" (all-pairs would be {(n1 / n0) ** 2:.0f}x)")


if __name__ == "__main__":
    main()
