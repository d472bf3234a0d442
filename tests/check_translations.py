#!/usr/bin/env python3
"""Keeps the translations complete: fails when a tr() string of the sources
has no translation, or a translation's string vanished from the sources.

For each resources/translations/*.ts it runs lupdate over the sources into a
copy of the file (same options as tools/update-translations.sh would) and
checks that:
  - lupdate found nothing new and dropped nothing (the file is up to date),
  - lupdate printed no warning (a warning means it lost a class or context
    and would file strings where the running app never looks them up),
  - every message is finished, with a non-empty translation of every plural
    form,
  - each translation keeps the source's placeholders (%1..%99, %L1, %n), and
    a source with an & accelerator gets exactly one in its translation.

Usage: check_translations.py --lupdate PATH SOURCE_DIR
       check_translations.py --self-test --lupdate PATH
"""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SOURCE_DIRS = ("model", "ui", "cli", "app")
LUPDATE_OPTIONS = ["-locations", "none", "-no-obsolete"]
PLACEHOLDER = re.compile(r"%L?\d{1,2}|%n")
# "&X" marks an access key; "&&" is a literal ampersand, "&nbsp;" an HTML
# entity of rich text (the XML's own entities are decoded by the parser).
ACCELERATOR = re.compile(r"&(?![A-Za-z]+;|#[0-9]+;)(?=\S)")


def messages(ts_path):
    """(context, source, comment) -> list of translations ('' when missing)
    and the set of unfinished keys."""
    found = collections.OrderedDict()
    unfinished = set()
    for context in ET.parse(ts_path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            key = (name, message.findtext("source"), message.findtext("comment"))
            translation = message.find("translation")
            if translation is None:
                forms = [""]
            elif message.get("numerus") == "yes":
                forms = [form.text or "" for form in translation.iter("numerusform")] or [""]
            else:
                forms = [translation.text or ""]
            if translation is not None and translation.get("type") in ("unfinished", "vanished",
                                                                        "obsolete"):
                unfinished.add(key)
            found[key] = forms
    return found, unfinished


def accelerators(text):
    return len(ACCELERATOR.findall(text.replace("&&", "")))


def check_file(ts_path, source_dir, lupdate):
    problems = []
    before, unfinished = messages(ts_path)
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, os.path.basename(ts_path))
        shutil.copyfile(ts_path, copy)
        run = subprocess.run(
            [lupdate, "-recursive", *SOURCE_DIRS, *LUPDATE_OPTIONS, "-ts", copy],
            cwd=source_dir, capture_output=True, text=True)
        output = run.stdout + run.stderr
        if run.returncode != 0:
            return ["lupdate failed (%d): %s" % (run.returncode, output.strip())]
        for line in output.splitlines():
            line = line.strip()
            if line and not line.startswith(("Scanning directory", "Updating", "Found ",
                                              "Same-text heuristic", "Removed ",
                                              "Kept ", "Generated ")):
                problems.append("lupdate warns: " + line)
        after, _ = messages(copy)
    for key in after.keys() - before.keys():
        problems.append("no translation for %s %r (run lupdate and translate it)" % (key[0], key[1]))
    for key in before.keys() - after.keys():
        problems.append("translated text no longer in the sources: %s %r" % (key[0], key[1]))
    for key, forms in before.items():
        context, source = key[0], key[1]
        if key in unfinished:
            problems.append("unfinished: %s %r" % (context, source))
            continue
        for form in forms:
            if not form.strip():
                problems.append("empty translation: %s %r" % (context, source))
                continue
            if collections.Counter(PLACEHOLDER.findall(source)) != collections.Counter(
                    PLACEHOLDER.findall(form)):
                problems.append("placeholders differ: %s %r -> %r" % (context, source, form))
            if accelerators(source) and accelerators(form) != 1:
                problems.append("access key: %s %r -> %r" % (context, source, form))
    return problems


# Text lupdate never sees: a literal text with a context that is not a
# literal (`translate(kContext, "Text")`), or a literal passed to a helper
# named like tr (`trReader("Text")`). Either shows in English whatever the
# language.
HIDDEN = re.compile(r'\btranslate\(\s*[A-Za-z_][\w:]*\s*,\s*"|\btr[A-Z_]\w*\(\s*"')


def hidden_texts(source_dir):
    problems = []
    for sub in SOURCE_DIRS:
        for root, _, files in os.walk(os.path.join(source_dir, sub)):
            for name in sorted(files):
                if not name.endswith((".cpp", ".h")):
                    continue
                path = os.path.join(root, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                # The whole text: clang-format wraps such a call after "(".
                for match in HIDDEN.finditer(text):
                    number = text.count("\n", 0, match.start()) + 1
                    line = text.splitlines()[number - 1].strip()
                    problems.append("%s:%d: text lupdate cannot see: %s"
                                    % (os.path.relpath(path, source_dir), number, line))
    return problems


def check(source_dir, lupdate):
    folder = os.path.join(source_dir, "resources", "translations")
    ts_files = sorted(f for f in os.listdir(folder) if f.endswith(".ts"))
    if not ts_files:
        return ["no .ts file in " + folder]
    problems = hidden_texts(source_dir)
    for name in ts_files:
        problems += ["%s: %s" % (name, p)
                     for p in check_file(os.path.join(folder, name), source_dir, lupdate)]
    return problems


TS_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="ja_JP">\n'


def self_test(lupdate):
    """The checker on small trees of its own: each fault is caught."""
    def tree(tmp, source, ts_body):
        for sub in SOURCE_DIRS:
            os.makedirs(os.path.join(tmp, sub), exist_ok=True)
        os.makedirs(os.path.join(tmp, "resources", "translations"), exist_ok=True)
        with open(os.path.join(tmp, "ui", "w.cpp"), "w") as f:
            f.write(source)
        with open(os.path.join(tmp, "resources", "translations", "x_ja.ts"), "w") as f:
            f.write(TS_HEAD + ts_body + "</TS>\n")

    src = ('#include <QCoreApplication>\n'
           'QString f() { return QCoreApplication::translate("ctx", "&Open %1"); }\n')
    good = ('<context><name>ctx</name><message><source>&amp;Open %1</source>'
            '<translation>%1 を開く(&amp;O)</translation></message></context>\n')
    cases = {
        "complete": (src, good, None),
        "new string": (src.replace("}\n", "}\nQString g() { return QCoreApplication::translate("
                                          "\"ctx\", \"Close\"); }\n"), good, "no translation"),
        "vanished string": (src.replace("&Open %1", "&Open %2"), good, "no longer in the sources"),
        "unfinished": (src, good.replace("<translation>", '<translation type="unfinished">'),
                       "unfinished"),
        "placeholder lost": (src, good.replace("%1 を開く", "開く"), "placeholders differ"),
        "access key lost": (src, good.replace("(&amp;O)", ""), "access key"),
        "context not a literal": (src + 'const char *const kCtx = "ctx";\n'
                                  'QString h() { return QCoreApplication::translate(kCtx, "Hidden"); }\n',
                                  good, "cannot see"),
        "helper named like tr": (src + 'QString h() { return trHelper("Hidden"); }\n', good,
                                 "cannot see"),
        "context not a literal, wrapped": (src + 'const char *const kCtx = "ctx";\n'
                                           'QString h() { return QCoreApplication::translate(\n'
                                           '    kCtx, "Hidden"); }\n', good, "cannot see"),
    }
    failures = []
    for name, (source, body, expected) in cases.items():
        with tempfile.TemporaryDirectory() as tmp:
            tree(tmp, source, body)
            problems = check(tmp, lupdate)
        if expected is None and problems:
            failures.append("%s: unexpected %s" % (name, problems))
        if expected is not None and not any(expected in p for p in problems):
            failures.append("%s: not caught (%s)" % (name, problems))
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lupdate", required=True)
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("source_dir", nargs="?")
    args = parser.parse_args()
    if args.self_test:
        failures = self_test(args.lupdate)
        for f in failures:
            print("check_translations self-test: " + f)
        return 1 if failures else 0
    if not args.source_dir:
        parser.error("SOURCE_DIR is needed")
    problems = check(args.source_dir, args.lupdate)
    for p in problems:
        print(p)
    if problems:
        print("%d problem(s); update with: lupdate -recursive %s %s -ts resources/translations/*.ts"
              % (len(problems), " ".join(SOURCE_DIRS), " ".join(LUPDATE_OPTIONS)))
        return 1
    print("translations complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
